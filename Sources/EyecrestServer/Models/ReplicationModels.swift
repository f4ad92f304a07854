import EyecrestAPI
import EyecrestCluster

extension ReplicaStatus {
    init(_ state: ReplicaState) {
        self.init(
            region: state.region, appliedPosition: state.applied?.description, lagEntries: state.lagEntries,
            lagSeconds: state.lagSeconds, lastContact: state.lastContact)
    }
}

extension WriteReplication {
    init(_ outcome: ReplicationOutcome) {
        self.init(
            position: outcome.position.description, status: outcome.state.rawValue, replicated: outcome.replicated,
            lagging: outcome.lagging)
    }
}
