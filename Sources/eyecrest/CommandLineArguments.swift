import ArgumentParser

/// What the command line accepts beyond ArgumentParser's own rules.
enum CommandLineArguments {
    /// The client options every server command takes, which people also write first.
    static let clientOptions: Set<String> = ["--server", "--token"]

    /// `eyecrest --server URL datasets list` as `eyecrest datasets list --server URL`:
    /// client options before the subcommand move to its end (before a `--`), where
    /// ArgumentParser accepts them. A command without them still refuses them.
    static func movingClientOptionsAfterSubcommand(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first, clientOptions.contains(String(first.prefix { $0 != "=" })) {
            leading.append(first)
            rest = rest.dropFirst()
            if !first.contains("="), let value = rest.first {
                leading.append(value)
                rest = rest.dropFirst()
            }
        }
        guard !leading.isEmpty else { return arguments }
        var moved = Array(rest)
        moved.insert(contentsOf: leading, at: moved.firstIndex(of: "--") ?? moved.endIndex)
        return moved
    }

    /// A message for a word where a subcommand belongs that names none, with the nearest
    /// name when one is close (`serch` → `search`); nil when the words are fine or are
    /// left for ArgumentParser to judge (a default subcommand's own arguments).
    static func unknownSubcommand(in arguments: [String], root: ParsableCommand.Type) -> String? {
        var command = root
        var path = [root._commandName]
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !word.hasPrefix("-"), !subcommands.isEmpty, word != "help" else { return nil }
            if let next = subcommands.first(where: { $0._commandName == word || $0.configuration.aliases.contains(word) }) {
                command = next
                path.append(word)
                continue
            }
            let names = subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
            let nearest = names.map { (name: $0, distance: editDistance(word, $0)) }
                .filter { $0.distance <= min(2, $0.name.count - 1) }
                .min { $0.distance < $1.distance }?.name
            if nearest == nil, command.configuration.defaultSubcommand != nil { return nil }
            let prefix = path.joined(separator: " ")
            var message = "'\(word)' is not a command of '\(prefix)'."
            if let nearest { message += " Did you mean '\(prefix) \(nearest)'?" }
            return message + "\nCommands: \(names.joined(separator: ", ")). See '\(prefix) --help'."
        }
        return nil
    }

    /// Levenshtein distance: insertions, deletions and substitutions of characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
