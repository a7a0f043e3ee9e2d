import SurveyCore

/// Charts drawn on the server as SVG: no script, no library, nothing from another host.
enum Charts {
    /// Horizontal bars of indicator scores on a 0–100 axis with the strength line at 85. The scores stand in a
    /// column of their own right of the axis, so that no number crosses the line, and a score under 85 says so in
    /// words as well as in red.
    static func indicators(_ scores: [IndicatorScore], language: Language = .th) -> String {
        let rowHeight = 34
        let labelWidth = 250
        let barWidth = 330
        let valueWidth = 150
        let height = rowHeight * scores.count + 30
        let x = { (value: Double) in Double(labelWidth) + value / 100 * Double(barWidth) }
        let title = language == .th ? "คะแนนรายตัวชี้วัด เทียบเส้น 85" : "Indicator scores against the 85 line"
        let below = language == .th ? "ต่ำกว่า 85" : "under 85"
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(labelWidth + barWidth + valueWidth) \(height)" \
            class="chart" role="img" aria-labelledby="chart-indicators-title"><title id="chart-indicators-title">\
            \(escape(title))</title>
            """
        let valueX = labelWidth + barWidth + 10
        for (index, indicator) in scores.enumerated() {
            let y = index * rowHeight + 4
            let label = "\(indicator.indicator.number) \(language.text(indicator.indicator.name))"
            svg += "<text x=\"0\" y=\"\(y + 19)\" font-size=\"14\">\(escape(label))</text>"
            if let score = indicator.score {
                let value = score.doubleValue
                let strong = score.rounded >= ResultLevel.strengthLine
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(format(x(value) - Double(labelWidth)))\" "
                svg += "height=\"\(rowHeight - 12)\" fill=\"\(strong ? "#1d5c3a" : "#b3261e")\"/>"
                svg += "<text x=\"\(valueX)\" y=\"\(y + 19)\" font-size=\"13\" data-score>\(score.formatted)"
                svg += strong ? "</text>" : " <tspan font-weight=\"700\" fill=\"#b3261e\">\(below)</tspan></text>"
            } else {
                svg += "<text x=\"\(valueX)\" y=\"\(y + 19)\" font-size=\"13\" fill=\"#555\">—</text>"
            }
        }
        let axis = rowHeight * scores.count + 4
        for tick in [0, 50, 100] {
            let tickX = format(x(Double(tick)))
            svg += "<text x=\"\(tickX)\" y=\"\(axis + 16)\" font-size=\"12\" text-anchor=\"middle\">\(tick)</text>"
        }
        let line = format(x(85))
        svg += "<line x1=\"\(line)\" y1=\"0\" x2=\"\(line)\" y2=\"\(axis)\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>"
        svg +=
            "<text x=\"\(line)\" y=\"\(axis + 16)\" font-size=\"12\" font-weight=\"700\" text-anchor=\"middle\">85</text>"
        svg +=
            "<line x1=\"\(labelWidth)\" y1=\"\(axis)\" x2=\"\(labelWidth + barWidth)\" y2=\"\(axis)\" stroke=\"#767676\"/>"
        return svg + "</svg>"
    }

    /// Bars of released responses per closed period across the whole round, `first` (its opening day) to `last`
    /// (its closing day, or today for a round without one): one bar across each period's days, as high as its
    /// responses per day, on an axis with numbered ticks. Past days not yet released are greyed out without a
    /// number; days still to come are left empty. Periods are what the release shows, never single days with
    /// fewer than k answers. `name` tells apart the charts of one page (their titles' ids).
    static func periods(_ periods: DayPeriods, first: Day, last: Day, today: Day, name: String) -> String {
        let start = first
        let count = max(14, start.days(until: last) + 1)
        let end = start.adding(days: count - 1)
        let perDay = { (period: DayPeriod) in Double(period.count) / Double(period.first.days(until: period.last) + 1) }
        let peak = Self.niceCeiling(periods.periods.map(perDay).max() ?? 1)
        let (axisWidth, plotWidth, height, top) = (26.0, 300.0, 100.0, 8.0)
        let dayWidth = plotWidth / Double(count)
        let dayX = { (day: Day) in axisWidth + Double(start.days(until: day)) * dayWidth }
        let y = { (value: Double) in top + height - value / peak * height }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(format(axisWidth + plotWidth + 4)) \
            \(format(top + height + 22))" class="daily" role="img" aria-labelledby="daily-\(name)-title"><title \
            id="daily-\(name)-title">ผู้ตอบต่อวัน \(escape(start.thai)) – \(escape(end.thai))</title>
            """
        for tick in [0, peak / 2, peak] {
            let tickY = format(y(tick))
            svg += "<line x1=\"\(format(axisWidth))\" y1=\"\(tickY)\" x2=\"\(format(axisWidth + plotWidth))\" "
            svg += "y2=\"\(tickY)\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(format(axisWidth - 4))\" y=\"\(format(y(tick) + 4))\" font-size=\"11\" "
            svg += "text-anchor=\"end\" data-tick>\(Self.tickText(tick))</text>"
        }
        for period in periods.periods where period.last >= start && period.first <= end {
            let from = max(period.first, start)
            let to = min(period.last, end)
            let barTop = y(perDay(period))
            let span = from == to ? from.thai : "\(from.thai) – \(to.thai)"
            let label = period.first == period.last ? period.first.thai : "\(period.first.thai) – \(period.last.thai)"
            svg += "<rect x=\"\(format(dayX(from) + 0.5))\" y=\"\(format(barTop))\" "
            svg += "width=\"\(format(max(0.5, Double(from.days(until: to) + 1) * dayWidth - 1)))\" "
            svg += "height=\"\(format(top + height - barTop))\" fill=\"#1d5c3a\" "
            svg += "data-period=\"\(escape(span))\"><title>\(escape(label)): \(period.count) คน</title></rect>"
        }
        let pending = max(start, periods.lastReleasedDay.map { $0.adding(days: 1) } ?? start)
        let lastPast = min(end, today.adding(days: -1))
        if pending <= lastPast {
            svg += "<rect x=\"\(format(dayX(pending)))\" y=\"\(format(top))\" "
            svg +=
                "width=\"\(format(Double(pending.days(until: lastPast) + 1) * dayWidth))\" height=\"\(format(height))\" "
            svg += "fill=\"#eee\" data-pending>"
            svg += "<title>ยังไม่แสดง: รอให้รวมได้อย่างน้อย \(periods.minimum) คนและสิ้นวัน</title></rect>"
        }
        let baseline = format(top + height)
        svg += "<line x1=\"\(format(axisWidth))\" y1=\"\(baseline)\" x2=\"\(format(axisWidth + plotWidth))\" "
        svg += "y2=\"\(baseline)\" stroke=\"#767676\"/>"
        svg += "<line x1=\"\(format(axisWidth))\" y1=\"\(format(top))\" x2=\"\(format(axisWidth))\" y2=\"\(baseline)\" "
        svg += "stroke=\"#767676\"/>"
        let dateY = format(top + height + 16)
        svg += "<text x=\"\(format(axisWidth))\" y=\"\(dateY)\" font-size=\"11\">\(escape(start.thai))</text>"
        svg += "<text x=\"\(format(axisWidth + plotWidth))\" y=\"\(dateY)\" font-size=\"11\" text-anchor=\"end\">"
        svg += "\(escape(end.thai))</text>"
        return svg + "</svg>"
    }

    /// The top of the value axis: the peak rounded up to 1, 2 or 5 times a power of ten (at least 2).
    static func niceCeiling(_ peak: Double) -> Double {
        let value = max(2, peak)
        var step = 1.0
        while step * 10 <= value { step *= 10 }
        return [1.0, 2, 5, 10].map { $0 * step }.first { $0 >= value } ?? value
    }

    private static func tickText(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : format(value)
    }

    static func escape(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
            .replacing("\"", with: "&quot;")
    }

    private static func format(_ value: Double) -> String {
        String(Int((value * 10).rounded()) / 10) + "." + String(abs(Int((value * 10).rounded())) % 10)
    }
}
