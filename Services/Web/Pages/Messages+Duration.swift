extension Messages {
    /// A span of time as the language writes it: "3 d 4 h", "5 h 10 min", "12 min"
    /// (negative spans count as nothing).
    func duration(ms: Int64) -> String {
        let minutes = max(ms, 0) / 60_000
        let parts = ["d": String(minutes / 1440), "h": String(minutes % 1440 / 60), "m": String(minutes % 60)]
        if minutes >= 1440 { return format("age_days", parts) }
        if minutes >= 60 { return format("age_hours", parts) }
        return format("age_minutes", parts)
    }
}
