/// What each of the ten ITA indicators looks at, in the words an analysis report uses, and the issue area its
/// measures are reported under in the follow-up report.
public struct IndicatorGuide: Sendable, Hashable {
    public let number: Int
    /// A paragraph on what the indicator measures, for the strengths and weaknesses of the analysis report.
    public let measures: String
    /// A first suggestion for "วิธีการพัฒนา" of a weak question of this indicator, which the coordinator edits.
    public let howToImprove: String
    /// Where the follow-up report groups the measures taken for this indicator.
    public let area: IssueArea

    /// The indicator the guide is of, with its name and tool.
    public var indicator: ITAIndicator { ITAIndicator.numbered(number)! }

    /// The guide of indicator `number` (1–10); nil for any other number.
    public static func of(_ number: Int) -> IndicatorGuide? {
        all.first { $0.number == number }
    }

    /// The ten indicators in number order.
    public static let all: [IndicatorGuide] = [
        IndicatorGuide(
            number: 1,
            measures:
                "ตัวชี้วัดนี้วัดการรับรู้ของบุคลากรว่าเจ้าหน้าที่ในหน่วยงานปฏิบัติงานตามขั้นตอนและระยะเวลาที่กำหนด"
                + " ให้บริการทุกคนอย่างเท่าเทียม ไม่เลือกปฏิบัติ มุ่งผลสำเร็จของงาน และไม่เรียกรับเงิน ทรัพย์สิน"
                + " หรือประโยชน์อื่นใดเพื่อแลกกับการปฏิบัติหน้าที่",
            howToImprove:
                "กำหนดและเผยแพร่ขั้นตอนและระยะเวลาการให้บริการให้ชัดเจน ติดตามการปฏิบัติตามมาตรฐาน"
                + " และย้ำแนวปฏิบัติการไม่รับสินบนหรือของขวัญในการประชุมประจำเดือน",
            area: .transparentProcess),
        IndicatorGuide(
            number: 2,
            measures:
                "ตัวชี้วัดนี้วัดการรับรู้ของบุคลากรว่าหน่วยงานใช้งบประมาณอย่างคุ้มค่า ตรงตามวัตถุประสงค์"
                + " เปิดเผยแผนการใช้จ่ายให้บุคลากรทราบ เปิดโอกาสให้บุคลากรมีส่วนร่วมและตรวจสอบได้"
                + " และจัดซื้อจัดจ้างอย่างโปร่งใส ไม่เอื้อประโยชน์แก่ผู้ใด",
            howToImprove:
                "ชี้แจงแผนการใช้จ่ายงบประมาณประจำปีให้บุคลากรทุกคนทราบ เผยแพร่แผนและผลการจัดซื้อจัดจ้างรายเดือน"
                + " และเปิดช่องทางให้บุคลากรสอบถามหรือทักท้วงการใช้งบประมาณได้",
            area: .budgetAndProcurement),
        IndicatorGuide(
            number: 3,
            measures:
                "ตัวชี้วัดนี้วัดการรับรู้ของบุคลากรว่าผู้บังคับบัญชามอบหมายงาน ประเมินผลงาน คัดเลือกบุคลากร"
                + " และให้โอกาสพัฒนาตนเองอย่างเป็นธรรม ไม่สั่งการให้ทำสิ่งที่ไม่ถูกต้อง"
                + " และไม่ใช้อำนาจเพื่อประโยชน์ส่วนตนหรือพวกพ้อง",
            howToImprove:
                "ประกาศหลักเกณฑ์การมอบหมายงาน การประเมินผล และการพิจารณาความดีความชอบให้บุคลากรทราบล่วงหน้า"
                + " และจัดช่องทางให้บุคลากรร้องเรียนการสั่งการที่ไม่ถูกต้องได้โดยไม่ต้องเปิดเผยตัว",
            area: .authorityAndPersonnel),
        IndicatorGuide(
            number: 4,
            measures:
                "ตัวชี้วัดนี้วัดการรับรู้ของบุคลากรว่าในหน่วยงานไม่มีการนำทรัพย์สินของราชการไปใช้ประโยชน์ส่วนตน"
                + " มีขั้นตอนการยืมคืนที่ชัดเจนและสะดวก บุคลากรรู้แนวปฏิบัติที่ถูกต้อง"
                + " และหน่วยงานกำกับดูแลการใช้ทรัพย์สินอย่างจริงจัง",
            howToImprove:
                "จัดทำคู่มือการใช้และการยืมคืนทรัพย์สินของราชการ เผยแพร่ให้บุคลากรทุกคนทราบ"
                + " และตรวจสอบการใช้ทรัพย์สินเป็นประจำ",
            area: .governmentProperty),
        IndicatorGuide(
            number: 5,
            measures:
                "ตัวชี้วัดนี้วัดการรับรู้ของบุคลากรว่าผู้บริหารให้ความสำคัญกับการต่อต้านการทุจริต"
                + " หน่วยงานมีการเฝ้าระวังและตรวจสอบ แก้ไขปัญหาเมื่อพบ และบุคลากรกล้าร้องเรียน"
                + " โดยมั่นใจว่าจะได้รับการคุ้มครอง",
            howToImprove:
                "ผู้บริหารประกาศเจตจำนงสุจริตและนโยบาย No Gift จัดช่องทางร้องเรียนที่คุ้มครองผู้ร้องเรียน"
                + " และรายงานผลการดำเนินการเรื่องร้องเรียนให้บุคลากรทราบ",
            area: .antiCorruption),
        IndicatorGuide(
            number: 6,
            measures:
                "ตัวชี้วัดนี้วัดการรับรู้ของผู้มาติดต่อว่าเจ้าหน้าที่ให้บริการตามขั้นตอนและระยะเวลาที่กำหนด"
                + " ให้ข้อมูลที่ถูกต้องชัดเจน ปฏิบัติต่อทุกคนอย่างเท่าเทียม"
                + " และไม่เรียกรับสิ่งใดเพื่อแลกกับการให้บริการ",
            howToImprove:
                "ติดประกาศขั้นตอน ระยะเวลา และค่าธรรมเนียมการให้บริการ ณ จุดบริการและบนเว็บไซต์"
                + " และสอบถามความพึงพอใจของผู้รับบริการเป็นประจำ",
            area: .serviceAndEService),
        IndicatorGuide(
            number: 7,
            measures:
                "ตัวชี้วัดนี้วัดการรับรู้ของผู้มาติดต่อว่าหน่วยงานเผยแพร่ผลงานและข้อมูลที่ประชาชนควรรู้"
                + " ผ่านช่องทางที่เข้าถึงง่าย มีช่องทางรับฟังความคิดเห็นและเรื่องร้องเรียน"
                + " และชี้แจงผลการดำเนินงานให้ทราบ",
            howToImprove:
                "ประชาสัมพันธ์ช่องทางร้องเรียนและรับฟังความคิดเห็นให้ทั่วถึง เผยแพร่ข้อมูลผ่านหลายช่องทางให้บ่อยขึ้น"
                + " และแจ้งผลการดำเนินการเรื่องร้องเรียนให้ผู้ร้องทราบ",
            area: .publicity),
        IndicatorGuide(
            number: 8,
            measures:
                "ตัวชี้วัดนี้วัดการรับรู้ของผู้มาติดต่อว่าหน่วยงานปรับปรุงคุณภาพการให้บริการให้ดีขึ้น"
                + " นำเทคโนโลยีมาใช้ให้บริการสะดวกรวดเร็วขึ้น และเปิดโอกาสให้ผู้รับบริการ"
                + " หรือผู้มีส่วนได้ส่วนเสียมีส่วนร่วมในการปรับปรุงการทำงาน",
            howToImprove:
                "เปิดให้บริการออนไลน์ (E-Service) พร้อมคู่มือการใช้งาน เชิญผู้แทนประชาชนร่วมเสนอแนวทางปรับปรุง"
                + " และเผยแพร่สิ่งที่ปรับปรุงแล้วเทียบกับปีที่ผ่านมา",
            area: .serviceAndEService),
        IndicatorGuide(
            number: 9,
            measures:
                "ตัวชี้วัดนี้ตรวจว่าหน่วยงานเปิดเผยข้อมูลพื้นฐาน การบริหารงาน การใช้งบประมาณ การจัดซื้อจัดจ้าง"
                + " การบริหารทรัพยากรบุคคล และการให้บริการ บนเว็บไซต์ของหน่วยงานครบถ้วน เป็นปัจจุบัน และเข้าถึงได้",
            howToImprove:
                "มอบหมายผู้รับผิดชอบข้อมูลแต่ละหัวข้อ ตรวจความครบถ้วนของข้อมูลบนเว็บไซต์ทุกไตรมาส"
                + " และเผยแพร่ข้อมูลให้ทันตามรอบเวลาที่กำหนด",
            area: .transparentProcess),
        IndicatorGuide(
            number: 10,
            measures:
                "ตัวชี้วัดนี้ตรวจว่าหน่วยงานแสดงเจตนารมณ์ต่อต้านการทุจริต ประเมินความเสี่ยงการทุจริต"
                + " มีแผนและมาตรการป้องกันการทุจริต ส่งเสริมคุณธรรมภายในหน่วยงาน"
                + " และนำผลการประเมิน ITA ไปพัฒนาองค์กร พร้อมเผยแพร่หลักฐานบนเว็บไซต์",
            howToImprove:
                "จัดทำแผนป้องกันการทุจริตและมาตรการส่งเสริมคุณธรรมประจำปี ติดตามผลรอบ 6 เดือนและสิ้นปี"
                + " และเผยแพร่รายงานผลบนเว็บไซต์ของหน่วยงาน",
            area: .antiCorruption),
    ]
}

/// The issue areas a follow-up report groups its measures under.
public enum IssueArea: String, Sendable, Hashable, CaseIterable {
    case transparentProcess, serviceAndEService, publicity, governmentProperty, budgetAndProcurement
    case authorityAndPersonnel, antiCorruption

    public var name: String {
        switch self {
        case .transparentProcess: "ด้านการดำเนินงานที่โปร่งใสและการเปิดเผยข้อมูล"
        case .serviceAndEService: "ด้านการให้บริการและการให้บริการออนไลน์ (E-Service)"
        case .publicity: "ด้านการประชาสัมพันธ์และการสื่อสาร"
        case .governmentProperty: "ด้านการใช้ทรัพย์สินของราชการ"
        case .budgetAndProcurement: "ด้านการใช้งบประมาณและการจัดซื้อจัดจ้าง"
        case .authorityAndPersonnel: "ด้านการใช้อำนาจและการบริหารงานบุคคล"
        case .antiCorruption: "ด้านการป้องกันและแก้ไขปัญหาการทุจริต"
        }
    }
}
