"""The seven smart-city dimensions, their starting sub-criteria and outcome indicators.

Dimension codes, names and order are those of announcement 1/2562 (see /work/shared/domain.md).
Smart Mobility's five sub-criteria and the CO2 and road-death indicators are from public
records; the other sub-criteria and indicators are a starting set for staff to edit in the
admin. The loader only creates missing ones, so those edits survive a re-run.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DimensionRow:
    code: str
    name_th: str
    name_en: str
    order: int
    is_mandatory: bool = False


@dataclass(frozen=True)
class SubCriterionRow:
    code: str
    name_th: str
    name_en: str


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    name_th: str
    name_en: str
    unit: str  # Thai first: units are shown as stored


DIMENSIONS = (
    # Smart Environment is the one dimension every proposal must claim (announcement 1/2562).
    DimensionRow("ENV", "สิ่งแวดล้อมอัจฉริยะ", "Smart Environment", 1, is_mandatory=True),
    DimensionRow("MOB", "การเดินทางและขนส่งอัจฉริยะ", "Smart Mobility", 2),
    DimensionRow("LIV", "การดำรงชีวิตอัจฉริยะ", "Smart Living", 3),
    DimensionRow("PEO", "พลเมืองอัจฉริยะ", "Smart People", 4),
    DimensionRow("ENE", "พลังงานอัจฉริยะ", "Smart Energy", 5),
    DimensionRow("ECO", "เศรษฐกิจอัจฉริยะ", "Smart Economy", 6),
    DimensionRow("GOV", "การบริหารภาครัฐอัจฉริยะ", "Smart Governance", 7),
)

# Listed in display order; the loader numbers them 1, 2, 3 ... within each dimension.
SUBCRITERIA: dict[str, tuple[SubCriterionRow, ...]] = {
    "ENV": (
        SubCriterionRow("ENV-WATER", "การบริหารจัดการน้ำและคุณภาพน้ำ", "Water management and water quality"),
        SubCriterionRow("ENV-WASTE", "การจัดการขยะและของเสีย", "Waste management"),
        SubCriterionRow("ENV-AIR", "การติดตามและจัดการคุณภาพอากาศ", "Air quality monitoring and management"),
        SubCriterionRow("ENV-GREEN", "การเพิ่มและดูแลพื้นที่สีเขียว", "Green space"),
        SubCriterionRow("ENV-DISASTER", "การเฝ้าระวังและเตือนภัยพิบัติ", "Disaster monitoring and early warning"),
    ),
    "MOB": (
        SubCriterionRow("MOB-ACCESS", "การเข้าถึงระบบขนส่งสาธารณะ", "Access to public transport"),
        SubCriterionRow("MOB-CONNECT", "ความสะดวกและการเชื่อมต่อการเดินทาง", "Convenience and connectivity"),
        SubCriterionRow("MOB-SAFETY", "ความปลอดภัยในการเดินทาง", "Safety"),
        SubCriterionRow(
            "MOB-GREEN", "การเดินทางที่เป็นมิตรต่อสิ่งแวดล้อมและยานยนต์ประหยัดพลังงาน",
            "Eco-friendly travel and energy-efficient vehicles",
        ),
        SubCriterionRow("MOB-LOGISTICS", "การบริหารจัดการโลจิสติกส์", "Logistics management"),
    ),
    "LIV": (
        SubCriterionRow("LIV-HEALTH", "สุขภาพและบริการทางการแพทย์", "Health and medical services"),
        SubCriterionRow("LIV-SAFETY", "ความปลอดภัยในชีวิตและทรัพย์สิน", "Safety and security"),
        SubCriterionRow("LIV-ACCESS", "สิ่งอำนวยความสะดวกสำหรับทุกคน", "Accessible facilities for everyone"),
        SubCriterionRow("LIV-WELFARE", "การเข้าถึงบริการสวัสดิการสังคม", "Access to social welfare services"),
    ),
    "PEO": (
        SubCriterionRow("PEO-DIGITAL", "ทักษะและการรู้เท่าทันดิจิทัล", "Digital skills and literacy"),
        SubCriterionRow("PEO-LEARNING", "การเรียนรู้ตลอดชีวิต", "Lifelong learning"),
        SubCriterionRow("PEO-CREATIVE", "ความคิดสร้างสรรค์และนวัตกรรม", "Creativity and innovation"),
        SubCriterionRow("PEO-INCLUSION", "การอยู่ร่วมกันและความหลากหลายทางสังคม", "Social inclusion and diversity"),
    ),
    "ENE": (
        SubCriterionRow("ENE-RENEWABLE", "การผลิตและใช้พลังงานหมุนเวียน", "Renewable energy"),
        SubCriterionRow("ENE-EFFICIENCY", "ประสิทธิภาพการใช้พลังงาน", "Energy efficiency"),
        SubCriterionRow("ENE-GRID", "ระบบโครงข่ายไฟฟ้าอัจฉริยะ", "Smart grid"),
        SubCriterionRow(
            "ENE-MANAGEMENT", "การบริหารจัดการพลังงานในอาคารและพื้นที่",
            "Energy management in buildings and districts",
        ),
    ),
    "ECO": (
        SubCriterionRow("ECO-PRODUCTIVITY", "การเพิ่มผลิตภาพของธุรกิจ", "Business productivity"),
        SubCriterionRow("ECO-INNOVATION", "นวัตกรรมและวิสาหกิจเริ่มต้น", "Innovation and start-ups"),
        SubCriterionRow("ECO-NETWORK", "ความร่วมมือและเครือข่ายทางเศรษฐกิจ", "Economic collaboration and networks"),
        SubCriterionRow("ECO-LOCAL", "การท่องเที่ยวและเศรษฐกิจท้องถิ่น", "Tourism and the local economy"),
    ),
    "GOV": (
        SubCriterionRow("GOV-OPENDATA", "ข้อมูลเปิดและความโปร่งใส", "Open data and transparency"),
        SubCriterionRow("GOV-SERVICES", "บริการภาครัฐดิจิทัล", "Digital public services"),
        SubCriterionRow("GOV-PARTICIPATE", "การมีส่วนร่วมของประชาชน", "Citizen participation"),
        SubCriterionRow("GOV-DATA", "การตัดสินใจโดยใช้ข้อมูล", "Data-driven decision-making"),
    ),
}

INDICATORS: dict[str, tuple[IndicatorRow, ...]] = {
    "ENV": (
        # Public target: CO2 down at least 1 % a year.
        IndicatorRow("ENV-CO2", "การปล่อยก๊าซคาร์บอนไดออกไซด์ที่ลดลง", "Reduction in CO2 emissions", "% ต่อปี"),
        IndicatorRow("ENV-GREEN", "พื้นที่สีเขียวต่อประชากร", "Green space per inhabitant", "ตร.ม. ต่อคน"),
        IndicatorRow("ENV-PM25", "จำนวนวันที่ PM2.5 เกินค่ามาตรฐาน", "Days with PM2.5 above the standard", "วันต่อปี"),
    ),
    "MOB": (
        # Public target: road deaths down 50 %.
        IndicatorRow(
            "MOB-DEATHS", "ผู้เสียชีวิตจากอุบัติเหตุทางถนน", "Road deaths", "รายต่อประชากร 100,000 คน"
        ),
        IndicatorRow("MOB-PUBLIC", "สัดส่วนการเดินทางด้วยขนส่งสาธารณะ", "Share of trips by public transport", "%"),
    ),
    "LIV": (
        IndicatorRow(
            "LIV-EMERGENCY", "ระยะเวลาตอบสนองเหตุฉุกเฉิน", "Emergency response time", "นาที"
        ),
        IndicatorRow("LIV-CRIME", "จำนวนคดีอาชญากรรม", "Crime cases", "คดีต่อปี"),
    ),
    "PEO": (
        IndicatorRow("PEO-DIGITAL", "ประชากรที่มีทักษะดิจิทัล", "Population with digital skills", "%"),
        IndicatorRow("PEO-LEARNING", "ผู้เข้าร่วมกิจกรรมการเรียนรู้", "People taking part in learning", "คนต่อปี"),
    ),
    "ENE": (
        IndicatorRow("ENE-RENEWABLE", "สัดส่วนพลังงานหมุนเวียน", "Share of renewable energy", "%"),
        IndicatorRow("ENE-SAVING", "การใช้พลังงานที่ลดลง", "Reduction in energy use", "% ต่อปี"),
    ),
    "ECO": (
        IndicatorRow("ECO-INCOME", "รายได้ต่อหัวของประชากร", "Income per head", "บาทต่อคนต่อปี"),
        IndicatorRow("ECO-STARTUPS", "วิสาหกิจเริ่มต้นที่จัดตั้งใหม่", "New start-ups", "รายต่อปี"),
    ),
    "GOV": (
        IndicatorRow("GOV-ESERVICE", "สัดส่วนบริการที่ให้บริการทางดิจิทัล", "Share of services offered online", "%"),
        IndicatorRow("GOV-SATISFACTION", "ความพึงพอใจของประชาชน", "Citizen satisfaction", "%"),
    ),
}
