/// The release every process reports in `Health`.
public enum GlimlachRelease {
    public static let version = "0.1.0"
}
