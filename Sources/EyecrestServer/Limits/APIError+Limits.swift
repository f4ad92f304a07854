import Hummingbird

extension APIError {
    /// 503 for a request whose body would take the server past its memory budget; the
    /// error middleware adds `Retry-After`.
    static let bodyBudgetExhausted = APIError(
        .serviceUnavailable, code: "server_busy", "The server is reading as many request bodies as its memory budget allows; retry shortly.")
    /// 503 for a search shed because the search queue is full.
    static let searchQueueFull = APIError(
        .serviceUnavailable, code: "server_busy", "The server is answering as many searches as it can and its queue is full; retry shortly.")
    /// 408 for a request whose connection closed while its body was being read: the body
    /// was too slow (and the server closed it) or the client went away. Nothing is stored;
    /// the answer usually cannot be delivered, but it is what the logs and metrics count.
    static let bodyNotReceived = APIError(
        .requestTimeout, code: "request_timeout", "The request body did not arrive in full before the connection closed.")
}
