import Dispatch

/// Runs the jobs of tasks that prefer it on a serial dispatch queue of its own, outside
/// Swift's cooperative pool. The pool has one thread per core; synchronous work on those
/// threads (SQLite reads and writes, for one) can keep them all busy for seconds on a
/// small machine, and a lease renewal waiting behind it would let a live node drop out
/// of the cluster. The queue gets a thread of its own whenever it has work.
final class DedicatedExecutor: TaskExecutor {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
