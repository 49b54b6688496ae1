// Quantities (numbers with units, magnitudes expanded) and review-year indicators.
import XCTest
@testable import ReportExtraction
import ExtractionScoring

final class QuantityAndIndicatorTests: XCTestCase {
    func quantities(_ s: String) -> [String] {
        Extractor.extract(text: s).quantities.map { "\($0.value)\($0.unit)=\($0.normalized)\($0.baseUnit)" }
    }

    func testQuantitiesNormalizeMagnitudes() {
        XCTAssertEqual(quantities("全市实现地区生产总值12027.5亿元，增长3.1%。"), ["12027.5亿元=1202750000000.0元", "3.1%=3.1%"])
        XCTAssertEqual(quantities("城镇新增就业15万人以上，新建5G基站1.3万个。"), ["15.0万人=150000.0人", "1.3万个=13000.0个"])
        XCTAssertEqual(quantities("全市生产总值达到5.67万亿元"), ["5.67万亿元=5670000000000.0元"])
        XCTAssertEqual(quantities("提高1个百分点左右，新增装机300万千瓦"), ["1.0个百分点=1.0个百分点", "300.0万千瓦=3000000.0千瓦"])
        XCTAssertEqual(quantities("投入三千五百万元，建成两万人规模，累计6200多亿元"),
                       ["3500.0万元=35000000.0元", "2.0万人=20000.0人", "6200.0亿元=620000000000.0元"])
    }

    func testYearsNamesAndIdiomsAreNotQuantities() {
        XCTAssertTrue(quantities("2025年是“十四五”收官之年，PM2.5浓度下降，建设一流城市，一个中心。").isEmpty)
        XCTAssertEqual(quantities("二〇二六年一月二十七日，完成三个项目"), ["3.0个=3.0个"])
        XCTAssertEqual(quantities("第十四届人民代表大会第四次会议，居全国第8位，“四个中心”建设，第十五个五年规划"), [])
    }

    func testReviewYearGDP() {
        func gdp(_ s: String) -> String? {
            Extractor.extract(text: s).indicators.first { $0.code == "gdp" }.map {
                "\($0.value.map { "\($0)" } ?? "-")\($0.unit ?? "")/\($0.growth.map { "\($0)" } ?? "-")"
            }
        }
        XCTAssertEqual(gdp("一年来，全省经济稳中有进。全年实现地区生产总值5696亿元，增长5.3%，超过全国平均水平。"), "5696.0亿元/5.3")
        XCTAssertEqual(gdp("全市地区生产总值5.2万亿元、增长5.4%、高于全国0.4个百分点。"), "5.2万亿元/5.4")
        XCTAssertEqual(gdp("预计全市地区生产总值完成4500亿元,同比增长4%以上;"), "4500.0亿元/4.0")
        XCTAssertEqual(gdp("这五年，地区生产总值年均增长5.9%。全省生产总值增长5.6%，一般公共预算收入增长2%。"), "-/5.6")
        XCTAssertEqual(gdp("全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元。地区生产总值增长5.3%。"), "-/5.3")
        XCTAssertEqual(gdp("全省地区生产总值达到13697.5亿元，较“十三五”末增加4374.4亿元。地区生产总值增长5.8%，增速居全国第2位。"), "-/5.8")
        XCTAssertEqual(gdp("前三季度，地区生产总值完成1078.9亿元、增长5.9%，预计全年突破1400亿元。"), "1400.0亿元/-")
        XCTAssertEqual(gdp("人均地区生产总值突破1万美元，单位地区生产总值能耗下降3%。"), nil)
    }

    /// The year's level in one statement, its growth alone in a later one: one result with both. A part of
    /// the region named earlier in the growth's sentence (兰州新区) is that statement's subject, so it stays out.
    func testALevelTakesItsGrowthFromALaterStatement() {
        func result(_ s: String, _ code: String) -> String? {
            Extractor.extract(text: s).indicators.first { $0.code == code }.map {
                "\($0.value.map { "\($0)" } ?? "-")\($0.unit ?? "")/\($0.growth.map { "\($0)" } ?? "-")"
            }
        }
        XCTAssertEqual(result("全市GDP突破1400亿元大关，达到1420.6亿元，是2015年的1.73倍，年均增长5.7%。规范煤矿生产。GDP增长9.8%，增量达到305.5亿元。", "gdp"),
                       "1420.6亿元/9.8")
        XCTAssertEqual(result("地方一般公共预算收入786.8亿元。兰州新区生产总值增长20%，一般公共预算收入增长48.5%。", "fiscal_revenue"),
                       "786.8亿元/-")
    }

    /// A list item of a five-year review ("——") that names the review year and gives the year's growth is the
    /// year's, whatever it is compared with after ("比2007年翻一番").
    func testADashedItemNamingTheYearIsTheYears() {
        let text = "政府工作报告\n——2013年1月10日在沈阳市第十五届人民代表大会第一次会议上\n各位代表：\n一、过去五年政府工作回顾\n"
            + "——预计2012年全市地区生产总值实现6700亿元，比上年增长11.0%，比2007年翻一番；\n"
            + "——固定资产投资完成5600亿元，比上年增长22.8%，是2007年的2.8倍；\n二、2013年主要目标\n地区生产总值增长10%。\n"
        let x = Extractor.extract(text: text)
        XCTAssertEqual(x.document.reviewYear, 2012)
        let gdp = x.indicators.first { $0.code == "gdp" }
        XCTAssertEqual(gdp?.value, 6700); XCTAssertEqual(gdp?.growth, 11)
        XCTAssertEqual(x.indicators.first { $0.code == "fixed_asset_investment" }?.growth, 22.8)
        // Without the year named, a doubling since 2007 still dates the statement to the five years.
        XCTAssertNil(Extractor.extract(text: "过去五年，全市地区生产总值实现6700亿元，比2007年翻一番。").indicators.first { $0.code == "gdp" })
    }

    func testOtherReviewIndicators() {
        let x = Extractor.extract(text: "地方一般公共预算收入5853.9亿元，增长3.9%；社会消费品零售总额增长4.6%。")
        XCTAssertEqual(x.indicators.first { $0.code == "fiscal_revenue" }?.value, 5853.9)
        XCTAssertEqual(x.indicators.first { $0.code == "fiscal_revenue" }?.growth, 3.9)
        XCTAssertEqual(x.indicators.first { $0.code == "retail_sales" }?.growth, 4.6)
    }

    func testDegenerateInputsDoNotCrash() {
        for s in ["", "。", "主要预期目标是：", "主要预期目标是：增长%左右", "——年月日在第届人民代表大会第次会议上", "1.", "5—", "增长5%-",
                  String(repeating: "主要目标是：地区生产总值增长5%，", count: 500)] {
            _ = Extractor.extract(text: s)
        }
    }

    func testJSONFieldNames() {
        let x = Extractor.extract(text: "主要预期目标是：地区生产总值增长4.5%—5%。")
        var w = ReportTextJSON.writer()
        w.beginObject(); x.writeFields(to: &w); w.endObject()
        let s = String(decoding: w.bytes, as: UTF8.self)
        for k in ["\"document\":{\"doc_type\":", "\"region_level\":", "\"meeting_date\":", "\"review_year\":", "\"plan_year\":",
                  "\"value_max\":5.0", "\"value\":4.5", "\"code\":\"gdp\"", "\"quantities\":[", "\"base_unit\":\"%\""] {
            XCTAssertTrue(s.contains(k), "missing \(k) in \(s)")
        }
        // And it reads back.
        let data = Data(("{\"source\":{\"name\":\"a.txt\"}," + s.dropFirst()).utf8)
        let p = try? JSONDecoder().decode(PredictedRecord.self, from: data)
        XCTAssertEqual(p?.targets?.first?.valueMax, 5.0)
    }
}

import ReportText
enum ReportTextJSON { static func writer() -> JSONWriter { JSONWriter() } }
