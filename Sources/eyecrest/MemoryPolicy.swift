#if canImport(Glibc)
import Glibc
#endif

/// How the process asks its allocator to use memory.
enum MemoryPolicy {
    /// glibc keeps up to its dynamic trim threshold (which grows to 32 MB after large
    /// frees) of freed heap mapped. Merging index segments frees tens of megabytes at a
    /// time, so the process would keep resident what merges no longer use. Returning
    /// free heap above 1 MB lowers the peak RSS of indexing the three shared corpora
    /// from about 316 to 276 MB at no measurable cost in speed (docs/benchmarks.md).
    /// Set explicitly (as `MALLOC_TRIM_THRESHOLD_` would), the threshold stops adapting.
    /// A no-op where glibc's allocator is not in use.
    static func apply() {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module does not export; it
        // is looked up instead. M_TRIM_THRESHOLD is -1 in every glibc.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(-1, 1 << 20)
        #endif
    }
}
