/// Runs a JSON batch's write (an upsert or a delete) ahead of the searches waiting for a
/// thread.
///
/// Under a search load both cooperative threads stay busy, and a write is a chain of
/// short steps (chunking, the commit on GRDB's writer queue, resuming, refreshing the
/// gauges), each of which waits for a thread. At the searches' priority it waits behind
/// every queued search at every step: with 32 searching connections, 4 writers got 5
/// batches per second at p50 0.8 s. Ahead of them they get 12.5–13 at p50 0.28–0.32 s,
/// and searches 263–325 per second instead of 343–350: the two cores' time is split
/// differently, not lost (docs/benchmarks.md, "Load"). Archive imports are bulk work and
/// keep the ordinary priority, so that a large one does not hold searches back.
///
/// The write runs in its own task, so a client that disconnects does not cancel it
/// halfway: it commits or fails as a whole either way.
func withWritePriority<T: Sendable>(_ write: @escaping @Sendable () async throws -> T) async throws -> T {
    try await Task(priority: .high, operation: write).value
}
