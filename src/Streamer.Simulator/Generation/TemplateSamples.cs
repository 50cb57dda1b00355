using Streamer.Nxlink;

namespace Streamer.Simulator.Generation;

/// <summary>
/// Templates of template messages, shared by the records that use them (ChatRecord.Clone is shallow, so they
/// are never changed after construction). Together they use every component and button type of the document.
/// </summary>
internal static class TemplateSamples
{
    public static readonly ChatRecordTemplate[] All =
    [
        new()
        {
            Id = "1093481204717265", Name = "hi", Language = "af", Category = "MARKETING", Status = "APPROVED",
            RejectedReason = "NONE",
            Components = [new() { Type = "BODY", Text = "hi" }],
        },
        new()
        {
            Id = "1093481204717311", Name = "order_update", Language = "en", Category = "UTILITY", Status = "APPROVED",
            RejectedReason = "NONE", QualityScore = new() { Score = "GREEN" }, ParameterFormat = "POSITIONAL",
            Components =
            [
                new() { Type = "HEADER", Format = "TEXT", Text = "Order {{1}}", Example = new() { HeaderText = ["#10086"] } },
                new()
                {
                    Type = "BODY", Text = "Hi {{1}}, your order {{2}} has shipped 📦",
                    Example = new() { BodyText = [["Ana", "#10086"]] },
                },
                new() { Type = "FOOTER", Text = "Reply STOP to opt out" },
                new()
                {
                    Type = "BUTTONS",
                    Buttons =
                    [
                        new() { Type = "QUICK_REPLY", Text = "Track 📦" },
                        new()
                        {
                            Type = "URL", Text = "View order", Url = "https://shop.example.com/orders/{{1}}",
                            Example = ["https://shop.example.com/orders/10086"],
                        },
                        new() { Type = "PHONE_NUMBER", Text = "Call us", PhoneNumber = "+85230012345" },
                    ],
                },
            ],
        },
        new()
        {
            Id = "1093481204717342", Name = "双十一促销", Language = "zh_CN", Category = "MARKETING", Status = "APPROVED",
            RejectedReason = "NONE", QualityScore = new() { Score = "YELLOW" }, ParameterFormat = "NAMED",
            Components =
            [
                new()
                {
                    Type = "HEADER", Format = "IMAGE",
                    Example = new() { HeaderHandle = ["https://scontent.whatsapp.net/v/t61.29466-34/header_1111.jpg"] },
                },
                new()
                {
                    Type = "BODY", Text = "{{name}}，您好！双十一全场 {{discount}} 折 🎉",
                    Example = new() { BodyText = [["空格键", "8"]] },
                },
                new()
                {
                    Type = "BUTTONS",
                    Buttons =
                    [
                        new() { Type = "COPY_CODE", Text = "复制优惠码", Example = ["SALE1111"] },
                        new() { Type = "QUICK_REPLY", Text = "不感兴趣" },
                    ],
                },
            ],
        },
        new()
        {
            Id = "1093481204717399", Name = "appointment_reminder", Language = "ar", Category = "UTILITY", Status = "APPROVED",
            RejectedReason = "NONE", QualityScore = new() { Score = "GREEN" }, ParameterFormat = "POSITIONAL",
            Components =
            [
                new()
                {
                    Type = "HEADER", Format = "DOCUMENT",
                    Example = new() { HeaderHandle = ["https://scontent.whatsapp.net/v/t61.29466-34/appointment.pdf"] },
                },
                new() { Type = "BODY", Text = "مرحباً {{1}}، موعدك يوم {{2}}", Example = new() { BodyText = [["أحمد", "الأحد"]] } },
                new() { Type = "FOOTER", Text = "لا ترد على هذه الرسالة" },
                new()
                {
                    Type = "BUTTONS",
                    Buttons =
                    [
                        new()
                        {
                            Type = "FLOW", Text = "إعادة الجدولة", FlowId = "1234567890123", FlowAction = "navigate",
                            NavigateScreen = "WELCOME_SCREEN",
                        },
                    ],
                },
            ],
        },
        new()
        {
            Id = "1093481204717420", Name = "video_promo", Language = "es", Category = "MARKETING", Status = "APPROVED",
            RejectedReason = "NONE", QualityScore = new() { Score = "UNKNOWN" }, ParameterFormat = "POSITIONAL",
            Components =
            [
                new()
                {
                    Type = "HEADER", Format = "VIDEO",
                    Example = new()
                    {
                        HeaderHandle = ["https://scontent.whatsapp.net/v/t61.29466-34/promo.mp4"],
                        CustomHeaderHandleUrl = "https://cdn.example.com/promo.mp4",
                    },
                },
                new() { Type = "BODY", Text = "¡Hola {{1}}! Mira nuestras ofertas 🔥", Example = new() { BodyText = [["María"]] } },
                new()
                {
                    Type = "BUTTONS",
                    Buttons =
                    [
                        new() { Type = "URL", Text = "Ver", Url = "https://shop.example.com/es", Example = ["https://shop.example.com/es"] },
                        new() { Type = "QUICK_REPLY", Text = "Dejar de recibir" },
                    ],
                },
            ],
        },
    ];
}
