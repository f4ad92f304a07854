import Foundation

/// ``ClusterMetadata`` kept in etcd, under the keys ``EtcdKeyLayout`` describes.
///
/// Placements are swapped by comparing the stored bytes (an etcd transaction's `VALUE`
/// compare) rather than a mod revision: a ``Placement`` carries no revision, and its JSON
/// is deterministic (sorted keys, dates to the millisecond), so "the stored value is still
/// the `expected` the caller holds" is exactly the condition, checked atomically in one
/// round trip. A placement changed and changed back to the same bytes is the same
/// placement; a dataset deleted and created again differs by its `uid`.
///
/// Dates are stored to the millisecond, so a placement read back may differ from the one
/// written in its `createdAt`'s sub-millisecond part; ``createPlacement(_:)`` returns the
/// stored form, and comparing a caller's copy with the stored one is done on the stored
/// bytes, where the two agree.
public struct EtcdMetadata: ClusterMetadata {
    public let client: EtcdClient
    public let layout: EtcdKeyLayout

    public init(client: EtcdClient, layout: EtcdKeyLayout = EtcdKeyLayout()) {
        self.client = client
        self.layout = layout
    }

    public func members() async throws -> [ClusterMember] {
        try await client.range(prefix: layout.membersPrefix).map { try $0.decode(ClusterMember.self) }
    }

    public func placement(org: String, dataset: String) async throws -> Placement? {
        try await client.get(layout.placement(org: org, dataset: dataset))?.decode(Placement.self)
    }

    public func placements() async throws -> [Placement] {
        try await client.range(prefix: layout.datasetsPrefix).map { try $0.decode(Placement.self) }
    }

    public func createPlacement(_ placement: Placement) async throws -> (placement: Placement, created: Bool) {
        let key = layout.placement(org: placement.org, dataset: placement.dataset)
        let bytes = try EtcdClient.encode(placement)
        switch try await client.createIfAbsent(key, value: placement) {
        case .swapped:
            return (try EtcdClient.decode(Placement.self, from: bytes), true)
        case .conflict(let current?):
            // The same bytes, random uid included, can only be this very placement: an
            // earlier attempt of this call that etcd applied before its answer was lost.
            return (try current.decode(Placement.self), current.value == bytes)
        case .conflict(nil):
            throw EtcdError.badResponse("a create-if-absent transaction failed on \(key) but read no value")
        }
    }

    public func replacePlacement(_ expected: Placement, with updated: Placement) async throws -> Bool {
        guard expected.org == updated.org, expected.dataset == updated.dataset else {
            throw EtcdError.invalidValue("a placement cannot move to another org or dataset")
        }
        let key = layout.placement(org: expected.org, dataset: expected.dataset)
        return try await client.put(key, value: updated, if: .value(EtcdClient.encode(expected))) == .swapped
    }

    public func removePlacement(org: String, dataset: String) async throws {
        try await client.delete(layout.placement(org: org, dataset: dataset))
    }
}
