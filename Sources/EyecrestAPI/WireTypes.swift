/// Every request and response body of the API, for the OpenAPI document's
/// `components/schemas` (bodies they contain come with them).
public enum WireTypes {
    public static var all: [any WireSchema.Type] {
        [
        CreateDatasetRequest.self, Dataset.self, DatasetList.self, DeletedDataset.self, DatasetSize.self,
        UpsertFilesRequest.self, UpsertResponse.self, DeleteFilesRequest.self, DeleteFilesResponse.self, FileList.self, FileContent.self,
        SearchResults.self, Synonyms.self, ImportURLRequest.self, ImportGitHubRequest.self, ImportResponse.self, ErrorBody.self, Health.self,
        ]
    }
}
