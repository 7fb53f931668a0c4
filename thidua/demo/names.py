"""Name material for the demo world: family, middle and given names common among the area's ethnic groups."""

# (ethnic group name as in ethnicities.csv, share of people, family names, male middles, female middles,
#  male given names, female given names)
GROUPS = [
    (
        "Thái",
        35,
        ["Lò", "Lường", "Tòng", "Cầm", "Quàng", "Điêu", "Vì", "Lù", "Hoàng"],
        ["Văn"],
        ["Thị"],
        ["Xuân", "Thanh", "Chung", "Phong", "Hùng", "Sơn", "Thắng", "Hải", "Dũng", "Ân", "Út"],
        ["Ngọc", "Hương", "Mai", "Xuân", "Ánh", "Ơn", "Yến", "Ưng", "Thủy", "Hoa"],
    ),
    (
        "Hmông",
        20,
        ["Giàng", "Vàng", "Sùng", "Thào", "Lầu", "Hảng", "Mùa", "Lý", "Tráng"],
        ["A"],
        ["Thị", "Mí"],
        ["Páo", "Lử", "Dế", "Chứ", "Sình", "Tủa", "Vừ", "Chá", "Của", "Pó"],
        ["Mai", "Dợ", "Súa", "Pằng", "Lan", "Chía", "Mỷ", "Xo"],
    ),
    (
        "Kinh",
        25,
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Đinh"],
        ["Văn", "Đức", "Minh", "Quang", "Thành", "Huy"],
        ["Thị", "Thu", "Thanh", "Ngọc"],
        ["An", "Bình", "Dũng", "Đạt", "Hùng", "Long", "Nam", "Quân", "Tuấn", "Việt", "Ô"],
        ["An", "Ánh", "Dung", "Hà", "Hằng", "Linh", "Lan", "Nga", "Oanh", "Trang", "Yến"],
    ),
    (
        "Dao",
        8,
        ["Tẩn", "Chảo", "Phàn", "Lý", "Đặng", "Triệu"],
        ["Láo", "Văn", "A"],
        ["Mý", "Thị"],
        ["Sử", "Chòi", "Phù", "Seo", "Lở", "Kiềm", "Vần"],
        ["Chiêu", "Mẩy", "Sảy", "Dính", "Mây"],
    ),
    (
        "Giáy",
        6,
        ["Hoàng", "Vàng", "Lò", "Sần", "Lù"],
        ["Văn"],
        ["Thị"],
        ["Thắng", "Tiến", "Dương", "Hải", "Phúc"],
        ["Thu", "Liên", "Hiền", "Sen"],
    ),
    (
        "Lự",
        6,
        ["Lò", "Tao", "Chang", "Lường", "Đao"],
        ["Văn"],
        ["Thị"],
        ["Chăn", "Pâng", "Khăm", "Thương"],
        ["Ưng", "Pảng", "Xiêng", "Mon"],
    ),
]

POSITIONS = [
    "Chuyên viên",
    "Giáo viên",
    "Nhân viên",
    "Công chức",
    "Viên chức",
    "Kế toán",
    "Bác sĩ",
    "Y sĩ",
    "Công nhân",
    "Xã viên",
    "Trưởng thôn",
    "Phó Trưởng phòng",
]
DIRECT_POSITIONS = {"Công nhân", "Xã viên"}
