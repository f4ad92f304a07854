import ArgumentParser
import EyecrestEngine

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
            let typed = Array(word.lowercased().utf8)
            let nearest = names.compactMap { name in
                EditDistance.within(typed, Array(name.utf8), limit: min(2, name.count - 1)).map { (name: name, distance: $0) }
            }.min { $0.distance < $1.distance }?.name
            if nearest == nil, command.configuration.defaultSubcommand != nil { return nil }
            let prefix = path.joined(separator: " ")
            var message = "'\(word)' is not a command of '\(prefix)'."
            if let nearest { message += " Did you mean '\(prefix) \(nearest)'?" }
            return message + "\nCommands: \(names.joined(separator: ", ")). See '\(prefix) --help'."
        }
        return nil
    }
}
