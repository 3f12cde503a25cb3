/// One row of a query's result: its values by column name.
public struct SQLRow: Sendable {
    let columns: [String]
    let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of `column`, as its type.
    /// - Precondition: the query selects `column` and it holds that type; a mismatch
    ///   is a fault of the query, like a misspelled column.
    public subscript<Value: SQLValueConvertible>(_ column: String) -> Value {
        guard let index = columns.firstIndex(of: column) else {
            preconditionFailure("the row has no column \(column) (it has \(columns))")
        }
        guard let value = Value(sqlValue: values[index]) else {
            preconditionFailure("column \(column) holds \(values[index]), not \(Value.self)")
        }
        return value
    }

    /// The first column's value.
    public func first<Value: SQLValueConvertible>(_ type: Value.Type = Value.self) -> Value? {
        values.first.flatMap { Value(sqlValue: $0) }
    }
}
