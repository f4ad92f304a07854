import MCP

/// `tools/list` with its params taken as any JSON value. The SDK decodes a handler's typed
/// params before calling it and answers a decoding failure with -32603 (internal error);
/// taking a `Value` leaves nothing to fail (this server has one page of tools, so a
/// `cursor` is ignored).
enum ToolsListMethod: MCP.Method {
    static let name = ListTools.name
    typealias Parameters = Value
    typealias Result = ListTools.Result
}

/// `tools/call` with its params taken as any JSON value, so that ``MCPToolbox`` can answer
/// params without a tool name with -32602 (invalid params), the code JSON-RPC gives them.
enum ToolsCallMethod: MCP.Method {
    static let name = CallTool.name
    typealias Parameters = Value
    typealias Result = CallTool.Result
}
