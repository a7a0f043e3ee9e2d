import QRCode
import Synchronization

/// QR codes of public addresses, encoded once.
final class QRCodes: Sendable {
    private let images = Mutex<[String: QRImages]>([:])

    /// The QR images of an address.
    func images(for address: String) throws -> QRImages {
        if let found = images.withLock({ $0[address] }) { return found }
        let code = try QRCode(text: address)
        let made = QRImages(svg: code.svg(title: address), png: code.png(scale: 10))
        images.withLock { images in
            if images.count > 10_000 { images.removeAll() }
            images[address] = made
        }
        return made
    }
}

/// A QR code as both image types.
struct QRImages: Sendable {
    let svg: String
    let png: [UInt8]
}
