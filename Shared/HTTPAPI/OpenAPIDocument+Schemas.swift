import Wire

extension OpenAPIDocument {
    /// A schema per message and enum of the contract, and the error body.
    var schemas: [String: Any] {
        var schemas: [String: Any] = [Self.statusSchema: Self.status]
        for message in MessageSchema.all {
            var properties: [String: Any] = [:]
            for field in message.fields {
                var property = schema(of: field)
                if let note = comments["\(message.fullName).\(field.name)"] { property["description"] = note }
                properties[field.name] = property
                if let name = field.enumName { schemas[name] = enumSchema(name, field.enumValues) }
            }
            var object: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": false]
            if let note = comments[message.fullName] { object["description"] = note }
            schemas[message.fullName] = object
        }
        return schemas
    }

    /// A field's schema, an array of its element's when repeated.
    func schema(of field: FieldSchema) -> [String: Any] {
        let element = elementSchema(of: field)
        return field.isRepeated ? ["type": "array", "items": element] : element
    }

    private func elementSchema(of field: FieldSchema) -> [String: Any] {
        switch field.kind {
        case .int32, .sint32, .sfixed32:
            ["type": "integer", "format": "int32", "minimum": Int64(Int32.min), "maximum": Int64(Int32.max)]
        case .int64, .sint64, .sfixed64:
            ["type": "integer", "format": "int64", "minimum": Int64.min, "maximum": Int64.max]
        case .uint32, .fixed32: ["type": "integer", "format": "uint32", "minimum": 0, "maximum": Int64(UInt32.max)]
        case .uint64, .fixed64: ["type": "integer", "format": "uint64", "minimum": 0, "maximum": UInt64.max]
        case .float, .double:
            // Not-a-number and the infinities are written as strings, as WireJSON does.
            ["anyOf": [["type": "number"], ["type": "string", "enum": ["nan", "inf", "-inf"]]]]
        case .bool: ["type": "boolean"]
        case .string: ["type": "string"]
        case .bytes: ["type": "string", "contentEncoding": "base64"]
        case .enumeration: ["$ref": "#/components/schemas/\(field.enumName!)"]
        case .message: ["$ref": "#/components/schemas/\(field.messageName!)"]
        }
    }

    private func enumSchema(_ name: String, _ values: [(name: String, number: Int32)]) -> [String: Any] {
        var schema: [String: Any] = ["type": "string", "enum": values.map(\.name)]
        if let note = comments[name] { schema["description"] = note }
        return schema
    }

    /// `google.rpc.Status`: the gRPC code, the message (starting with the field's name
    /// for a bad request) and, for a bad field, a `google.rpc.BadRequest` naming it.
    static var status: [String: Any] {
        [
            "type": "object",
            "description":
                "An error: the gRPC status code, a message for people and, when a field is at fault, "
                + "a google.rpc.BadRequest detail naming it.",
            "required": ["code", "message"],
            "properties": [
                "code": [
                    "type": "integer", "format": "int32",
                    "description": "The gRPC status code, e.g. 3 for INVALID_ARGUMENT.",
                ],
                "message": ["type": "string"],
                "details": [
                    "type": "array",
                    "items": [
                        "type": "object",
                        "required": ["@type"],
                        "properties": [
                            "@type": ["type": "string"],
                            "field_violations": [
                                "type": "array",
                                "items": [
                                    "type": "object",
                                    "required": ["field", "description"],
                                    "properties": ["field": ["type": "string"], "description": ["type": "string"]],
                                ],
                            ],
                        ],
                    ],
                ],
            ],
        ]
    }
}
