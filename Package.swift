// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "prongsai",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "prongsai", targets: ["prongsai"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .target(name: "QRCode", dependencies: ["CQRencode"]),
        .target(name: "SurveyCore"),
        .executableTarget(
            name: "prongsai",
            dependencies: [
                "SurveyCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SurveyCoreTests", dependencies: ["SurveyCore"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        .testTarget(name: "ProngsaiTests", dependencies: ["prongsai", "SurveyCore"]),
    ],
    swiftLanguageModes: [.v6]
)
