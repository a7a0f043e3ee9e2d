import Foundation
import Testing

@testable import Docx

@Suite("The zip writer, read back by Python's zipfile")
struct ZipArchiveTests {
    @Test("CRC-32 gives the standard check value")
    func crcCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    @Test("entries come back whole, in order, with UTF-8 names, deflated where that is smaller")
    func roundTrip() throws {
        let repetitive = Array(String(repeating: "<w:p><w:r><w:t>ผู้ประสานงาน</w:t></w:r></w:p>", count: 200).utf8)
        let tiny: [UInt8] = [0x41]
        var archive = ZipArchive()
        archive.add("[Content_Types].xml", repetitive)
        archive.add("รายงาน/ผลการประเมิน.txt", Array("ร้อยละ ๘๕".utf8))
        archive.add("empty", [])
        archive.add("a", tiny)
        let unzipped = try Unzipped(archive.bytes)
        #expect(unzipped.names == ["[Content_Types].xml", "รายงาน/ผลการประเมิน.txt", "empty", "a"])
        #expect(try unzipped.data("[Content_Types].xml") == Data(repetitive))
        #expect(try unzipped.text("รายงาน/ผลการประเมิน.txt") == "ร้อยละ ๘๕")
        #expect(try unzipped.data("empty").isEmpty)
        #expect(try unzipped.data("a") == Data(tiny))
        #expect(unzipped.methods["[Content_Types].xml"] == 8)
        #expect(unzipped.methods["a"] == 0)
        #expect(archive.bytes.count < repetitive.count / 10)
    }

    @Test("the same entries always give the same bytes")
    func deterministic() {
        func archive() -> [UInt8] {
            var archive = ZipArchive()
            archive.add("word/document.xml", Array("<w:document/>".utf8))
            archive.add("docProps/app.xml", Array(String(repeating: "Prongsai ", count: 50).utf8))
            return archive.bytes
        }
        #expect(archive() == archive())
    }
}
