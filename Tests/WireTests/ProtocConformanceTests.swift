import Testing
import Wire

/// Our codec against Debian's protoc, in both directions, on the fixture `eru.proto`.
@Suite struct ProtocConformanceTests {
    @Test(arguments: ConformanceCase.all)
    func protocEncodingDecodesToTheExpectedValue(_ sample: ConformanceCase) throws {
        let golden = try Protoc.encode(sample.text, as: sample.messageName)

        try sample.expectDecodesToExpected(golden)
    }

    @Test(arguments: ConformanceCase.all)
    func ourEncodingDecodesUnderProtocToTheSameText(_ sample: ConformanceCase) throws {
        let text = try Protoc.decode(sample.encodeExpected(), as: sample.messageName)

        #expect(text == sample.text)
    }

    /// protoc keeps text order, and the texts list map keys sorted, so the bytes must match too.
    @Test(arguments: ConformanceCase.all)
    func ourEncodingMatchesProtocByteForByte(_ sample: ConformanceCase) throws {
        let golden = try Protoc.encode(sample.text, as: sample.messageName)

        #expect(sample.encodeExpected() == golden)
    }

    @Test func fieldsTheCodecDoesNotModelAreSkipped() throws {
        let text = """
            name: "web"
            modes {
              key: "/etc/app.bin"
              value {
                mode: 420
              }
            }
            owners {
              key: "/etc/app.bin"
              value {
                uid: -1
                gid: 1000
              }
            }
            ignore_pull: true
            """

        let decoded = try DeployOptions(wire: try Protoc.encode(text, as: "DeployOptions"))

        var expected = DeployOptions()
        expected.name = "web"
        expected.ignorePull = true
        #expect(decoded == expected)
    }
}
