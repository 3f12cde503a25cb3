import Domain

extension Feedback.NpsCategory {
    /// The wire number of `category`.
    ///
    /// - Parameters:
    ///   - category: A category.
    public init(_ category: NPSCategory) {
        switch category {
        case .promoter: self = .promoter
        case .passive: self = .passive
        case .detractor: self = .detractor
        }
    }
}

extension NPSCategory {
    /// The category a `glimlach.feedback.NpsCategory` names.
    ///
    /// - Parameters:
    ///   - wire: The field's value; nil when it is unset.
    ///   - field: The field name to report when it names no category.
    /// - Throws: `DomainError.invalid` for an unset or unspecified category.
    public init(_ wire: Feedback.NpsCategory?, field: String = "category") throws(DomainError) {
        switch wire {
        case .promoter: self = .promoter
        case .passive: self = .passive
        case .detractor: self = .detractor
        case .unspecified, nil: throw .invalid(field: field, reason: "is unspecified")
        }
    }
}
