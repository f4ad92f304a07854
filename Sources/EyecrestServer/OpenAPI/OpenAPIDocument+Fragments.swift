extension OpenAPIDocument {
    /// A response every operation that can fail that way shares, defined once under
    /// `components/responses` (in `OpenAPIDocument+Errors.swift` or its resource's file).
    /// The raw value is the status and the component's name.
    enum SharedResponse: String {
        case badRequest = "400 BadRequest"
        case unauthorized = "401 Unauthorized"
        case notFound = "404 NotFound"
        case conflict = "409 Conflict"
        case misdirected = "421 Misdirected"
        case tooLarge = "413 TooLarge"
        case unsupportedMediaType = "415 UnsupportedMediaType"
        case internalError = "500 InternalError"
        case unavailable = "503 Unavailable"
        case importBadRequest = "400 ImportBadRequest"
        case importTooLarge = "413 ImportTooLarge"
    }

    /// Members of an operation's `responses` object: `"400": {"$ref": …}, …`.
    static func responses(_ shared: SharedResponse...) -> String {
        shared.map { response in
            let parts = response.rawValue.split(separator: " ")
            return ##""\##(parts[0])": {"$ref": "#/components/responses/\##(parts[1])"}"##
        }.joined(separator: ",\n")
    }

    /// A `responses` member answering `status` with a JSON body of schema `schema`.
    /// `description` is written as is: plain text, no quotes or backslashes.
    static func jsonResponse(_ status: Int, _ description: String, _ schema: String) -> String {
        ##""\##(status)": {"description": "\##(description)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/\##(schema)"}}}}"##
    }

    /// A required JSON request body of schema `schema`.
    static func jsonBody(_ schema: String) -> String {
        ##""requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/\##(schema)"}}}}"##
    }
}
