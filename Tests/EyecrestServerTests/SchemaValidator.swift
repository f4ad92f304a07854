import EyecrestAPI

/// Checks JSON against the schemas of an OpenAPI document, as far as the document uses
/// JSON Schema: `$ref`, `type`, `properties`, `required`, `additionalProperties`, `items`,
/// `enum`. A key an object has but its schema does not name is an issue, so an answer
/// cannot carry a field the document leaves out. It also remembers which properties of
/// each component were seen, so a test can tell an optional field that never appears.
struct SchemaValidator {
    let components: [String: JSONValue]
    private(set) var issues: [String] = []
    private(set) var seen: [String: Set<String>] = [:]

    init(document: JSONValue) {
        guard case .object(let root) = document, case .object(let components)? = root["components"],
            case .object(let schemas)? = components["schemas"]
        else {
            self.components = [:]
            issues.append("the document has no components/schemas")
            return
        }
        self.components = schemas
    }

    mutating func validate(_ value: JSONValue, component: String) {
        validate(value, against: ["$ref": .string("#/components/schemas/\(component)")], at: component)
    }

    /// The properties component `name` declares.
    func properties(of name: String) -> Set<String> {
        guard case .object(let schema)? = components[name], case .object(let properties)? = schema["properties"] else { return [] }
        return Set(properties.keys)
    }

    private mutating func validate(_ value: JSONValue, against schema: JSONValue, at path: String, component: String? = nil) {
        guard case .object(let schema) = schema else { return }
        if case .string(let reference)? = schema["$ref"] {
            let name = String(reference.split(separator: "/").last ?? "")
            guard let target = components[name] else { return issues.append("\(path): unknown \(reference)") }
            return validate(value, against: target, at: path, component: name)
        }
        if case .array(let allowed)? = schema["enum"], !allowed.contains(value) { issues.append("\(path): \(value) is not one of \(allowed)") }
        guard case .string(let type)? = schema["type"] else { return }
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("integer", .int), ("number", .int), ("number", .double): break
        case ("array", .array(let items)):
            for (index, item) in items.enumerated() { validate(item, against: schema["items"] ?? [:], at: "\(path)[\(index)]") }
        case ("object", .object(let members)):
            validateObject(members, schema, at: path, component: component)
        default: issues.append("\(path): \(value) is not of type \(type)")
        }
    }

    private mutating func validateObject(_ members: [String: JSONValue], _ schema: [String: JSONValue], at path: String, component: String?) {
        let properties: [String: JSONValue]
        if case .object(let declared)? = schema["properties"] { properties = declared } else { properties = [:] }
        if case .array(let required)? = schema["required"] {
            for case .string(let key) in required where members[key] == nil { issues.append("\(path): required '\(key)' is missing") }
        }
        for (key, member) in members {
            if let component { seen[component, default: []].insert(key) }
            if let property = properties[key] {
                validate(member, against: property, at: "\(path).\(key)")
            } else if let extra = schema["additionalProperties"] {
                if extra != .bool(true) { validate(member, against: extra, at: "\(path).\(key)") }
            } else {
                issues.append("\(path): '\(key)' is not in the schema")
            }
        }
    }
}
