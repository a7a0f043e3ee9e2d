import SurveyCore

/// Charts drawn on the server as SVG: no script, no library, nothing from another host.
enum Charts {
    /// Horizontal bars of indicator scores on a 0–100 axis with the strength line at 85.
    static func indicators(_ scores: [IndicatorScore], language: Language = .th) -> String {
        let rowHeight = 34
        let labelWidth = 250
        let barWidth = 330
        let height = rowHeight * scores.count + 30
        let x = { (value: Double) in Double(labelWidth) + value / 100 * Double(barWidth) }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(labelWidth + barWidth + 60) \(height)" \
            class="chart" role="img" aria-label="\(escape(language == .th ? "คะแนนรายตัวชี้วัด" : "Indicator scores"))">
            """
        for (index, indicator) in scores.enumerated() {
            let y = index * rowHeight + 4
            let label = "\(indicator.indicator.number) \(language.text(indicator.indicator.name))"
            svg += "<text x=\"0\" y=\"\(y + 19)\" font-size=\"14\">\(escape(label))</text>"
            if let score = indicator.score {
                let value = score.doubleValue
                let colour = score.rounded >= ResultLevel.strengthLine ? "#1d5c3a" : "#b3261e"
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(format(x(value) - Double(labelWidth)))\" "
                svg += "height=\"\(rowHeight - 12)\" fill=\"\(colour)\"/>"
                svg += "<text x=\"\(format(x(value) + 4))\" y=\"\(y + 19)\" font-size=\"13\">\(score.formatted)</text>"
            } else {
                svg += "<text x=\"\(labelWidth + 4)\" y=\"\(y + 19)\" font-size=\"13\" fill=\"#666\">—</text>"
            }
        }
        let line = format(x(85))
        let axis = rowHeight * scores.count + 4
        svg += "<line x1=\"\(line)\" y1=\"0\" x2=\"\(line)\" y2=\"\(axis)\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>"
        svg += "<text x=\"\(line)\" y=\"\(axis + 16)\" font-size=\"12\" text-anchor=\"middle\">85</text>"
        svg +=
            "<line x1=\"\(labelWidth)\" y1=\"\(axis)\" x2=\"\(labelWidth + barWidth)\" y2=\"\(axis)\" stroke=\"#999\"/>"
        return svg + "</svg>"
    }

    /// Bars of released responses per closed period from `first` to `last` (at most the last 62 days, at least 14
    /// wide): one bar across each period's days, as high as its responses per day; the days not yet released are
    /// greyed out without a number.
    static func periods(_ periods: DayPeriods, first: Day, last: Day) -> String {
        let start = max(first, last.adding(days: -61))
        let count = max(14, start.days(until: last) + 1)
        let end = start.adding(days: count - 1)
        let perDay = { (period: DayPeriod) in Double(period.count) / Double(period.first.days(until: period.last) + 1) }
        let peak = max(1, periods.periods.map(perDay).max() ?? 1)
        let barWidth = 10
        let height = 90
        let width = count * barWidth
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height + 18)" class="daily" \
            role="img" aria-label="ผู้ตอบรายช่วงเวลา">
            """
        for period in periods.periods where period.last >= start && period.first <= end {
            let from = max(period.first, start)
            let to = min(period.last, end)
            let barHeight = Int((perDay(period) * Double(height) / peak).rounded())
            let span = from == to ? from.thai : "\(from.thai) – \(to.thai)"
            let label = period.first == period.last ? period.first.thai : "\(period.first.thai) – \(period.last.thai)"
            svg += "<rect x=\"\(start.days(until: from) * barWidth + 1)\" y=\"\(height - barHeight)\" "
            svg += "width=\"\((from.days(until: to) + 1) * barWidth - 2)\" height=\"\(barHeight)\" fill=\"#1d5c3a\" "
            svg += "data-period=\"\(escape(span))\"><title>\(escape(label)): \(period.count) คน</title></rect>"
        }
        let pending = max(start, periods.lastReleasedDay.map { $0.adding(days: 1) } ?? start)
        if pending <= end {
            svg += "<rect x=\"\(start.days(until: pending) * barWidth)\" y=\"0\" "
            svg += "width=\"\((pending.days(until: end) + 1) * barWidth)\" height=\"\(height)\" fill=\"#eee\">"
            svg += "<title>ยังไม่แสดง: รอให้รวมได้อย่างน้อย \(periods.minimum) คนและสิ้นวัน</title></rect>"
        }
        svg += "<line x1=\"0\" y1=\"\(height)\" x2=\"\(width)\" y2=\"\(height)\" stroke=\"#999\"/>"
        svg += "<text x=\"0\" y=\"\(height + 14)\" font-size=\"10\">\(escape(start.thai))</text>"
        svg +=
            "<text x=\"\(width)\" y=\"\(height + 14)\" font-size=\"10\" text-anchor=\"end\">\(escape(end.thai))</text>"
        return svg + "</svg>"
    }

    static func escape(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
            .replacing("\"", with: "&quot;")
    }

    private static func format(_ value: Double) -> String {
        String(Int((value * 10).rounded()) / 10) + "." + String(abs(Int((value * 10).rounded())) % 10)
    }
}
