import Foundation
import Synchronization

/// The threads searches run on: a task executor of its own, as many threads as searches
/// may run at once. A search reads its shards with blocking SQLite calls; on Swift's
/// shared pool (one thread per core) a few of them would hold every thread, and every
/// other request, `/health` and `/metrics` included, would queue behind them where no
/// limit sees it. Here they hold only their own threads, and the ``SearchGate`` in front
/// is the one queue they wait in.
final class SearchThreads: TaskExecutor, Sendable {
    private struct Queue {
        var jobs: [UnownedJob] = []
        var next = 0
    }

    private let queue = Mutex(Queue())
    private let wakeUp: NSCondition
    private static let pools = Mutex([Int: SearchThreads]())

    /// The process's pool of `count` threads, started on first use and shared by every
    /// server in the process that asks for as many (tests build hundreds of servers).
    static func pool(count: Int) -> SearchThreads {
        pools.withLock { pools in
            if let pool = pools[count] { return pool }
            let pool = SearchThreads(count: count)
            pools[count] = pool
            return pool
        }
    }

    private init(count: Int, name: String = "eyecrest-search") {
        wakeUp = NSCondition()
        for index in 0..<count {
            let thread = Thread { [self] in run() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        wakeUp.lock()
        queue.withLock { $0.jobs.append(job) }
        wakeUp.signal()
        wakeUp.unlock()
    }

    /// Each thread runs jobs in arrival order for the life of the process.
    private func run() {
        while true {
            wakeUp.lock()
            var job = takeJob()
            while job == nil {
                wakeUp.wait()
                job = takeJob()
            }
            wakeUp.unlock()
            job?.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    private func takeJob() -> UnownedJob? {
        queue.withLock { queue in
            guard queue.next < queue.jobs.count else { return nil }
            let job = queue.jobs[queue.next]
            queue.next += 1
            if queue.next > 256, queue.next * 2 > queue.jobs.count {
                queue.jobs.removeFirst(queue.next)
                queue.next = 0
            }
            return job
        }
    }
}
