extension StartupError {
    /// Another process listens on the port (often an eyecrest started earlier).
    static func portInUse(host: String, port: Int) -> StartupError {
        let another = port == 65_535 ? port - 1 : port + 1
        return StartupError(
            "Port \(port) on \(host) is already in use, perhaps by another eyecrest. Stop that process, "
                + "or choose another port: eyecrest serve --port \(another) (or EYECREST_PORT=\(another)).")
    }

    /// Ports below 1024 need privileges this process lacks.
    static func portNotPermitted(host: String, port: Int) -> StartupError {
        StartupError(
            "Not allowed to listen on port \(port) of \(host): ports below 1024 need privileges. "
                + "Choose a port from 1024 with --port or EYECREST_PORT (the default is \(ServerConfiguration.defaultPort)).")
    }
}
