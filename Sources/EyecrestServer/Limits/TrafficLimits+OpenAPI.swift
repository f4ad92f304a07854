extension TrafficLimits {
    /// This server's traffic limits as the OpenAPI extension member
    /// `"x-eyecrest-traffic-limits": {…}`, so that a client learns its timeouts and quotas.
    var openAPIExtension: String {
        let members = Self.ceilings.map { name, keyPath, _ in "    \"\(name)\": \(self[keyPath: keyPath])" }
        return "  \"x-eyecrest-traffic-limits\": {\n" + members.joined(separator: ",\n") + "\n  }"
    }
}
