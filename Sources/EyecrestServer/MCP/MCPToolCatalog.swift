import MCP

/// What `tools/list` answers: the four tools, their input schemas, and descriptions that
/// teach an agent the workflow (find a dataset, search it, read the lines a hit points
/// at). A model sees nothing but these texts, so they say what each answer looks like and
/// which tool to call next. The limits in the schemas are this server's configuration.
enum MCPToolCatalog {
    static let serverName = "eyecrest"
    static let serverVersion = "1.0.0"

    enum Name {
        static let search = "search"
        static let readFile = "read_file"
        static let listDatasets = "list_datasets"
        static let listFiles = "list_files"
        static let all = [search, readFile, listDatasets, listFiles]
    }

    /// Sent in the `initialize` answer; clients may put it in the model's prompt.
    static let instructions = """
        eyecrest is a full-text search engine over markdown documentation, organized in datasets. \
        Call list_datasets to learn the dataset names, then search a dataset with a few distinctive words. \
        Each hit gives a file and a line range; call read_file with that filename, start and end to read the whole section.
        """

    static func tools(limits: RequestLimits) -> [Tool] {
        [search(limits), readFile, listDatasets, listFiles]
    }

    private static let readOnly = Tool.Annotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)

    private static let dataset: Value = [
        "type": "string",
        "description": "The dataset's name, as list_datasets prints it (for example \"docs\").",
        "pattern": "^[A-Za-z0-9_-]{1,400}$",
    ]

    private static func search(_ limits: RequestLimits) -> Tool {
        Tool(
            name: Name.search, title: "Search documentation",
            description: """
                Full-text search over the markdown files of one dataset; answers with the best-matching sections, \
                best first, as markdown. Each hit is a heading line 'Heading > Path', a link '[FILE:START](…?start=START&end=END)' \
                naming the file and its line range, and a snippet. To read a hit in full, call read_file with dataset, \
                filename=FILE, start=START and end=END. Hits are separated by '---'; a last line 'More results available \
                on page N' means search again with page=N. Sections matching all words rank first, then those matching most of them. \
                'No results for …' means nothing matched: try fewer or other words.
                """,
            inputSchema: [
                "type": "object",
                "properties": [
                    "dataset": dataset,
                    "query": [
                        "type": "string",
                        "description": """
                            What to find: a few distinctive words ("borrow checker lifetimes"), not a sentence. \
                            Also "exact phrase", OR, NOT word to exclude (a -flag after a word is searched, as in find -exec), prefix*, parentheses. Code identifiers \
                            match whole and by parts (snake_case, camelCase, dot.path, --flag).
                            """,
                        "minLength": 1,
                        "maxLength": .int(limits.maxQueryBytes),
                    ],
                    "page": [
                        "type": "integer", "minimum": 0, "maximum": .int(limits.maxPage), "default": 0,
                        "description": "Zero-based page of results.",
                    ],
                    "perPage": [
                        "type": "integer", "minimum": 1, "maximum": .int(limits.maxPerPage), "default": 20,
                        "description": "Hits per page; fewer keeps the answer short.",
                    ],
                    "pathPrefix": [
                        "type": "string",
                        "description": "Only search files whose path starts with this (for example \"docs/guide/\").",
                    ],
                    "typoTolerance": [
                        "type": "boolean", "default": true,
                        "description": "A rare or unknown word of 5+ letters also matches terms one edit away (the answer says which); false searches the words exactly as typed.",
                    ],
                ],
                "required": ["dataset", "query"],
                "additionalProperties": false,
            ],
            annotations: readOnly)
    }

    private static let readFile = Tool(
        name: Name.readFile, title: "Read a file",
        description: """
            Returns the text of one file of a dataset, whole or only lines start to end (1-based, inclusive). \
            Use the filename and line range of a search hit to read that section; for a long file, read it in \
            ranges rather than whole. showLineNumbers=true prefixes each line with its number, to cite lines.
            """,
        inputSchema: [
            "type": "object",
            "properties": [
                "dataset": dataset,
                "filename": [
                    "type": "string",
                    "description": "The file's path in the dataset, exactly as search or list_files print it (for example \"guide/install.md\").",
                ],
                "start": ["type": "integer", "minimum": 1, "description": "First line to return (1-based). Default: the first line."],
                "end": ["type": "integer", "minimum": 1, "description": "Last line to return (inclusive). Default: the last line."],
                "showLineNumbers": [
                    "type": "boolean", "default": false, "description": "Prefix each line with its line number.",
                ],
            ],
            "required": ["dataset", "filename"],
            "additionalProperties": false,
        ],
        annotations: readOnly)

    private static let listDatasets = Tool(
        name: Name.listDatasets, title: "List datasets",
        description: """
            Lists the datasets you can search, one name per line with its number of shards. Call it first when you \
            do not know which dataset holds the documentation you need; pass a name as 'dataset' to the other tools.
            """,
        inputSchema: ["type": "object", "properties": [:], "additionalProperties": false],
        annotations: readOnly)

    private static let listFiles = Tool(
        name: Name.listFiles, title: "List files",
        description: """
            Lists the files of a dataset in path order: each line is '- PATH — TITLE (N sections, SIZE bytes)'. \
            Use it to see how a dataset is organized or to find a filename for read_file; prefix narrows it to a \
            folder. When the answer ends with 'More files: … cursor "X"', call again with cursor="X" for the next page.
            """,
        inputSchema: [
            "type": "object",
            "properties": [
                "dataset": dataset,
                "prefix": ["type": "string", "description": "Only files whose path starts with this (for example \"src/\")."],
                "cursor": ["type": "string", "description": "Where the previous page ended: the value its 'More files' line gives."],
                "limit": [
                    "type": "integer", "minimum": 1, "maximum": 1_000, "default": 200, "description": "Most files to list.",
                ],
            ],
            "required": ["dataset"],
            "additionalProperties": false,
        ],
        annotations: readOnly)
}
