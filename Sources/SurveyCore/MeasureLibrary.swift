/// A common integrity measure (มาตรการ) for a weak indicator, as agencies write them in their yearly plans: what
/// is done, in which steps, by whom, when, and how it is followed up. The plan drafts its rows from these; the
/// coordinator edits them.
public struct SuggestedMeasure: Sendable, Hashable {
    public let indicator: Int
    public let measure: String
    /// The steps, one numbered step a line.
    public let steps: String
    public let owner: String
    public let period: String
    public let followUp: String
}

/// The measures suggested for each indicator, most common first.
public enum MeasureLibrary {
    /// The usual period of a measure: the whole fiscal year.
    static let wholeYear = "ตุลาคม – กันยายน"
    /// The usual follow-up: a progress report at mid-year and a summary at its end.
    static let twiceAYear = "รายงานความก้าวหน้าภายในวันที่ 31 มีนาคม และสรุปผลเมื่อสิ้นปีงบประมาณ"

    /// The suggestions for indicator `number`, most common first; empty for a number that is no indicator.
    public static func suggestions(for number: Int) -> [SuggestedMeasure] {
        all.filter { $0.indicator == number }
    }

    public static let all: [SuggestedMeasure] = [
        SuggestedMeasure(
            indicator: 1, measure: "ประกาศมาตรฐานขั้นตอนและระยะเวลาการปฏิบัติงาน",
            steps: "1) ทบทวนขั้นตอนและระยะเวลาของงานบริการทุกงาน\n2) ประกาศและติดไว้ ณ จุดบริการและบนเว็บไซต์"
                + "\n3) สุ่มตรวจการปฏิบัติตามทุกไตรมาส",
            owner: "สำนักปลัด", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 1, measure: "ส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม",
            steps: "1) ชี้แจงประมวลจริยธรรมและแนวปฏิบัติ Dos & Don'ts ในการประชุมประจำเดือน"
                + "\n2) จัดอบรมคุณธรรมจริยธรรมอย่างน้อยปีละหนึ่งครั้ง\n3) ยกย่องบุคลากรที่เป็นแบบอย่าง",
            owner: "สำนักปลัด (งานการเจ้าหน้าที่)", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 2, measure: "ชี้แจงแผนการใช้จ่ายงบประมาณประจำปีให้บุคลากรทราบ",
            steps: "1) สรุปแผนการใช้จ่ายงบประมาณเป็นอินโฟกราฟิก\n2) ชี้แจงในการประชุมบุคลากรต้นปีงบประมาณ"
                + "\n3) เผยแพร่ผลการใช้จ่ายรายไตรมาส",
            owner: "กองคลัง", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 2, measure: "เผยแพร่แผนและผลการจัดซื้อจัดจ้าง",
            steps: "1) เผยแพร่แผนการจัดซื้อจัดจ้างประจำปีบนเว็บไซต์\n2) รายงานผลการจัดซื้อจัดจ้างทุกเดือน"
                + "\n3) เปิดช่องทางให้บุคลากรสอบถามหรือทักท้วง",
            owner: "กองคลัง (งานพัสดุ)", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 3, measure: "ประกาศหลักเกณฑ์การบริหารงานบุคคลที่เป็นธรรม",
            steps: "1) ประกาศหลักเกณฑ์การมอบหมายงาน การประเมินผล และการเลื่อนขั้นให้บุคลากรทราบล่วงหน้า"
                + "\n2) แจ้งผลการประเมินพร้อมเหตุผล\n3) เปิดให้ทบทวนผลได้",
            owner: "สำนักปลัด (งานการเจ้าหน้าที่)", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 3, measure: "ป้องกันการใช้อำนาจโดยมิชอบและผลประโยชน์ทับซ้อน",
            steps: "1) ประกาศแนวปฏิบัติการป้องกันผลประโยชน์ทับซ้อน\n2) อบรมบุคลากรเรื่องการขัดกันแห่งผลประโยชน์"
                + "\n3) จัดช่องทางแจ้งการสั่งการที่ไม่ถูกต้องโดยไม่ต้องเปิดเผยตัว",
            owner: "งานนิติการ", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 4, measure: "จัดทำคู่มือการใช้และการยืมคืนทรัพย์สินของราชการ",
            steps: "1) จัดทำคู่มือพร้อมแบบฟอร์มการยืมคืน\n2) เผยแพร่ให้บุคลากรทุกคนและบนเว็บไซต์"
                + "\n3) ตรวจสอบทะเบียนการยืมคืนทุกไตรมาส",
            owner: "กองคลัง (งานพัสดุ)", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 4, measure: "ประชาสัมพันธ์แนวปฏิบัติการใช้ทรัพย์สินของราชการที่ถูกต้อง",
            steps: "1) จัดทำสื่อสั้น ๆ ว่าสิ่งใดทำได้และทำไม่ได้\n2) ชี้แจงในการประชุมประจำเดือน"
                + "\n3) ติดป้ายที่ยานพาหนะและครุภัณฑ์ที่ใช้บ่อย",
            owner: "สำนักปลัด", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 5, measure: "ประกาศเจตจำนงสุจริตและนโยบายไม่รับของขวัญ (No Gift Policy)",
            steps: "1) ผู้บริหารประกาศเจตจำนงสุจริตต่อบุคลากรและสาธารณะ\n2) ประกาศนโยบาย No Gift"
                + "\n3) รายงานการรับของขวัญหรือประโยชน์ตามแบบที่กำหนด",
            owner: "สำนักปลัด", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 5, measure: "ช่องทางร้องเรียนการทุจริตที่คุ้มครองผู้ร้องเรียน",
            steps: "1) เปิดช่องทางร้องเรียนหลายช่องทางที่ไม่ต้องเปิดเผยตัว\n2) กำหนดขั้นตอนคุ้มครองผู้ร้องเรียน"
                + "\n3) รายงานสรุปผลการดำเนินการเรื่องร้องเรียนให้บุคลากรทราบ",
            owner: "งานนิติการ", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 6, measure: "ยกระดับมาตรฐานการให้บริการ ณ จุดบริการ",
            steps: "1) ติดประกาศขั้นตอน ระยะเวลา และค่าธรรมเนียม\n2) ให้บริการตามลำดับคิวอย่างเท่าเทียม"
                + "\n3) สอบถามความพึงพอใจของผู้รับบริการทุกเดือน",
            owner: "สำนักปลัด", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 6, measure: "ประกาศไม่รับสินบนและสิ่งตอบแทนจากผู้มาติดต่อ",
            steps: "1) ติดประกาศ ณ จุดบริการว่าไม่มีค่าใช้จ่ายนอกเหนือจากที่กำหนด\n2) แจ้งช่องทางร้องเรียน"
                + "\n3) ตรวจสอบเรื่องร้องเรียนทุกเรื่อง",
            owner: "งานนิติการ", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 7, measure: "ประชาสัมพันธ์ช่องทางร้องเรียนและรับฟังความคิดเห็น",
            steps: "1) เผยแพร่ช่องทางร้องเรียนทางเว็บไซต์ เฟซบุ๊ก ไลน์ และป้ายประกาศ"
                + "\n2) ตอบกลับผู้ร้องภายในเวลาที่กำหนด\n3) สรุปผลเรื่องร้องเรียนรายไตรมาส",
            owner: "งานประชาสัมพันธ์", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 7, measure: "เผยแพร่ผลงานและข้อมูลที่ประชาชนควรรู้ผ่านหลายช่องทาง",
            steps: "1) วางแผนการเผยแพร่ข่าวรายเดือน\n2) เผยแพร่ผ่านเว็บไซต์ สื่อสังคม และหอกระจายข่าว"
                + "\n3) ทบทวนว่าข้อมูลเข้าถึงผู้สูงอายุและผู้ไม่ใช้อินเทอร์เน็ต",
            owner: "งานประชาสัมพันธ์", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 8, measure: "พัฒนาการให้บริการออนไลน์ (E-Service)",
            steps: "1) เปิดบริการออนไลน์อย่างน้อยหนึ่งงาน พร้อมคู่มือการใช้งาน\n2) ประชาสัมพันธ์ให้ประชาชนทราบ"
                + "\n3) สรุปจำนวนผู้ใช้และปัญหาที่พบ",
            owner: "สำนักปลัด (งานเทคโนโลยีสารสนเทศ)", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 8, measure: "เปิดให้ผู้มีส่วนได้ส่วนเสียร่วมปรับปรุงการทำงาน",
            steps: "1) ตั้งคณะทำงานที่มีผู้แทนประชาชนหรือหน่วยงานภายนอกร่วม\n2) ประชุมเสนอแนวทางปรับปรุง"
                + "\n3) เผยแพร่สิ่งที่ปรับปรุงแล้วเทียบกับปีที่ผ่านมา",
            owner: "สำนักปลัด", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 9, measure: "ตรวจความครบถ้วนของข้อมูลสาธารณะบนเว็บไซต์",
            steps: "1) มอบหมายผู้รับผิดชอบข้อมูลแต่ละหัวข้อ\n2) ตรวจความครบถ้วนและความเป็นปัจจุบันทุกไตรมาส"
                + "\n3) ปรับปรุงข้อมูลให้ทันตามรอบเวลา",
            owner: "งานประชาสัมพันธ์", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 10, measure: "จัดทำแผนป้องกันการทุจริตและมาตรการส่งเสริมคุณธรรม",
            steps: "1) ประเมินความเสี่ยงการทุจริต\n2) จัดทำแผนและมาตรการประจำปีเสนอผู้บริหารอนุมัติ"
                + "\n3) ติดตามและรายงานผลรอบ 6 เดือนและสิ้นปี",
            owner: "งานนิติการ", period: wholeYear, followUp: twiceAYear),
        SuggestedMeasure(
            indicator: 10, measure: "นำผลการประเมิน ITA ไปพัฒนาองค์กร",
            steps: "1) วิเคราะห์ผลการประเมินและประชุมชี้แจงบุคลากร\n2) กำหนดมาตรการตามประเด็นที่ต่ำกว่าเกณฑ์"
                + "\n3) เผยแพร่รายงานการวิเคราะห์และผลการดำเนินการบนเว็บไซต์",
            owner: "งานนิติการ", period: wholeYear, followUp: twiceAYear),
    ]
}
