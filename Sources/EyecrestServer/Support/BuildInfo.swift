/// This build of eyecrest, as `eyecrest --version`, the startup banner, `GET /health` and
/// the `eyecrest_build_info` metric report it.
public enum BuildInfo {
    /// The release this source tree is.
    public static let version = "0.1.0"
}
