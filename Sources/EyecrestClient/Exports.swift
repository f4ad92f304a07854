/// The request and response types are the API's own (module `EyecrestAPI`), the same the
/// server encodes: a client needs only `import EyecrestClient`.
@_exported import EyecrestAPI
