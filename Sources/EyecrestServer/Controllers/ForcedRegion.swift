import EyecrestEngine
import Hummingbird

/// The `x-force-region: R` header of the original eyecrest API, on reads: answer from
/// region R. This node answers for its own region; a request forced to any other region
/// is a 421 `region_unavailable` whose message names the regions that hold the dataset
/// (on a single node, this node's region), so that a caller learns where to send it.
///
/// 421 Misdirected Request is HTTP's status for "sent to a server that cannot answer it":
/// the request is well-formed (not a 400) and the dataset exists (not a 404, which would
/// read as "gone"); it was sent to the wrong place. The dataset is looked up first, so a
/// missing one is still a 404 whatever the header says.
struct ForcedRegion {
    static let headerName = "x-force-region"

    /// The region the caller asked for; nil when the header is absent or empty.
    let requested: String?

    init(_ request: Request) {
        let value = request.headers.first { $0.name.canonicalName == Self.headerName }?.value
        requested = value.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// For routes that have already found the dataset.
    func check(dataset: String, servedFrom region: String) throws(APIError) {
        guard let requested, requested != region else { return }
        throw APIError(
            .misdirectedRequest, code: "region_unavailable",
            "The dataset '\(dataset)' is not available in region '\(requested.prefix(64))'; it is held in: \(region). Send the request without x-force-region, or with one of those regions.")
    }

    /// For routes whose engine call finds the dataset itself: looks it up only when the
    /// header names another region.
    func check(dataset: String, org: String, services: ServerServices) async throws {
        guard let requested, requested != services.configuration.region else { return }
        _ = try await services.engine.dataset(org: org, id: dataset)
        try check(dataset: dataset, servedFrom: services.configuration.region)
    }
}
