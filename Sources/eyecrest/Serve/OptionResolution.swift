import ArgumentParser

/// How `serve`'s integer limits are resolved: the flag, else its environment variable
/// (which must be an integer), else the value already in `value` (the default).
enum OptionResolution {
    static func apply<Value>(
        _ settings: [(flag: Int?, variable: String, keyPath: WritableKeyPath<Value, Int>)], to value: Value, environment: [String: String]
    ) throws -> Value {
        var value = value
        for (flag, variable, keyPath) in settings {
            if let flag {
                value[keyPath: keyPath] = flag
            } else if let text = environment[variable] {
                guard let number = Int(text) else { throw ValidationError("\(variable) must be an integer, not '\(text)'.") }
                value[keyPath: keyPath] = number
            }
        }
        return value
    }
}
