import Synchronization

/// The background tasks that carry reshardings to their end, one per dataset.
final class ReshardingRunner: Sendable {
    private let tasks = Mutex<[DatasetKey: Task<Void, Never>]>([:])

    /// Starts `work` for `key` unless a task for it runs already.
    func start(_ key: DatasetKey, _ work: @escaping @Sendable () async -> Void) {
        tasks.withLock { tasks in
            guard tasks[key] == nil else { return }
            tasks[key] = Task { [weak self] in
                await work()
                self?.tasks.withLock { _ = $0.removeValue(forKey: key) }
            }
        }
    }

    /// Returns when the task for `key` (if any) has ended.
    func wait(_ key: DatasetKey) async {
        await tasks.withLock { $0[key] }?.value
    }

    /// Cancels every task; each stops after the batch it is copying.
    func cancelAll() {
        for task in tasks.withLock({ Array($0.values) }) { task.cancel() }
    }
}
