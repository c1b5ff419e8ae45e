import Foundation

/// The binary layout of version 1 claims, chosen over JSON to keep links short enough for mail clients
/// that wrap long lines:
///
/// ```
/// offset  size  field
///      0     1  version (1)
///      1     1  action (1 confirm, 2 calendar feed)
///      2     8  occurrence id, Int64 big-endian
///     10     8  expiry, seconds since 1970, Int64 big-endian (see `expiryRange`)
///     18    16  nonce
///     34     1  official id length n (1...255)
///     35     n  official id, UTF-8
/// ```
extension ActionLinkClaims {
    static let fixedByteCount = 35
    static let maximumByteCount = fixedByteCount + 255

    /// The claims' bytes, or an error for claims that cannot be written.
    func encoded() throws(ActionLinkError) -> [UInt8] {
        let official = Array(self.officialID.utf8)
        guard (1...255).contains(official.count) else {
            throw ActionLinkError(
                .invalidClaims, "工号为空或过长，无法生成链接。", context: ["official_id_bytes": String(official.count)]
            )
        }
        guard let expiry = Self.seconds(self.expiresAt) else {
            throw ActionLinkError(.invalidClaims, "有效期超出范围，无法生成链接。")
        }
        var bytes: [UInt8] = [self.version, self.action.rawValue]
        bytes.reserveCapacity(Self.fixedByteCount + official.count)
        Self.append(self.occurrenceID, to: &bytes)
        Self.append(expiry, to: &bytes)
        bytes.append(contentsOf: self.nonce.bytes)
        bytes.append(UInt8(official.count))
        bytes.append(contentsOf: official)
        return bytes
    }

    /// Reads claims written by ``encoded()``. Every byte string gives claims or `.malformed`/`.wrongVersion`,
    /// never a trap: lengths are checked before every read.
    static func decode(_ bytes: [UInt8]) throws(ActionLinkError) -> ActionLinkClaims {
        guard let version = bytes.first else { throw .malformed("empty claims") }
        guard version == Self.currentVersion else { throw .wrongVersion(version) }
        guard bytes.count > Self.fixedByteCount, bytes.count <= Self.maximumByteCount else {
            throw .malformed("claims length \(bytes.count)")
        }
        guard let action = Action(rawValue: bytes[1]) else { throw .malformed("unknown action \(bytes[1])") }
        let occurrenceID = Self.readInt64(bytes, at: 2)
        let expiry = Self.readInt64(bytes, at: 10)
        guard Self.expiryRange.contains(expiry) else { throw .malformed("expiry \(expiry) out of range") }
        let nonce = ActionLinkNonce(bytes: Array(bytes[18..<34]))!
        let length = Int(bytes[34])
        guard length > 0, bytes.count == Self.fixedByteCount + length else {
            throw .malformed("official id length \(length) in \(bytes.count) bytes")
        }
        guard let officialID = String(validating: bytes[35...], as: UTF8.self) else {
            throw .malformed("official id is not UTF-8")
        }
        return ActionLinkClaims(
            version: version, action: action, occurrenceID: occurrenceID, officialID: officialID,
            expiresAt: Date(timeIntervalSince1970: TimeInterval(expiry)), nonce: nonce
        )
    }

    /// The expiries a token can carry: 1970 to the end of year 9999. Within it a `Date` holds every whole
    /// second exactly, so claims read back encode to the same bytes.
    static let expiryRange: ClosedRange<Int64> = 0...253_402_300_799

    /// Whole seconds since 1970, or nil outside ``expiryRange`` (or NaN).
    static func seconds(_ date: Date) -> Int64? {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, seconds >= 0, seconds <= Double(Self.expiryRange.upperBound) else { return nil }
        return Int64(seconds)
    }

    private static func append(_ value: Int64, to bytes: inout [UInt8]) {
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
        }
    }

    private static func readInt64(_ bytes: [UInt8], at offset: Int) -> Int64 {
        var bits: UInt64 = 0
        for byte in bytes[offset..<offset + 8] {
            bits = bits << 8 | UInt64(byte)
        }
        return Int64(bitPattern: bits)
    }
}
