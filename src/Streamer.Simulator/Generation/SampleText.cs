namespace Streamer.Simulator.Generation;

/// <summary>Names, texts, emoji and remarks the generator draws from: many scripts, RTL, emoji sequences.</summary>
internal static class SampleText
{
    public static readonly string[] BusinessNumbers = ["8615512342740", "85230012345", "6281234567890", "12025550143"];

    public static readonly string[] CustomerPhonePrefixes = ["852", "86", "62", "971", "972", "7", "81", "55", "34", "91"];

    public static readonly string[] FirstNames =
    [
        "空格键", "李小龙", "王小明", "María José", "Zoë", "Ahmed", "عبدالله", "Ольга", "さくら", "민준",
        "Priya", "Chloé", "Nguyễn Văn An", "דוד", "Søren", "Ana Beatriz", "Kemal", "Łukasz", "สมชาย", "Siddharth",
    ];

    public static readonly string[] NameSuffixes =
    [
        "", "", "", " 🌸", " 🐉", " 😊", " (VIP)", " 👨‍👩‍👧", " 🇭🇰", " Chen", " 陈", " ✈️", " Al-Farsi",
    ];

    public static readonly Agent[] Agents =
    [
        new("677", "Wendy Lee", "wendy.lee@nxcloud-demo.com"),
        new("708", "Sandy Wang", "sandy.wang@nxcloud-demo.com"),
        new("711", "王芳", "wang.fang@nxcloud-demo.com"),
        new("712", "Ahmed Hassan", "ahmed.hassan@nxcloud-demo.com"),
        new("715", "Мария Иванова", "maria.ivanova@nxcloud-demo.com"),
        new("719", "田中 花子", "hanako.tanaka@nxcloud-demo.com"),
        new("720", "José Álvarez", "jose.alvarez@nxcloud-demo.com"),
        new("724", "Priya Sharma", "priya.sharma@nxcloud-demo.com"),
        new("731", "김민준", "minjun.kim@nxcloud-demo.com"),
        new("733", "Lucas 🚀 Martin", "lucas.martin@nxcloud-demo.com"),
    ];

    public static readonly string[] InboundTexts =
    [
        "你好", "是的", "好的", "Hello, is my order shipped?", "مرحبا، أريد الاستفسار عن طلبي", "שלום, מתי המשלוח יגיע?",
        "こんにちは、予約を変更したいです", "Привет! Когда будет доставка?", "Olá, obrigado! 🙏", "👍👍", "¿Cuánto cuesta el envío?",
        "ok 好的 👌", "नमस्ते, मुझे मदद चाहिए", "สวัสดีครับ ขอสอบถามหน่อย", "Can I pay with 💳?", "Thanks!! 😂😂",
        "Xin chào, tôi cần hỗ trợ", "我想退货，怎么操作？", "The parcel arrived damaged 😢 📦", "👨‍👩‍👧 family plan please",
        "Line one\nLine two", "Price: 1,299.00 HKD — ok?", "שלום 👋 hello مرحبا",
    ];

    public static readonly string[] OutboundTexts =
    [
        "您好，请问有什么可以帮您？", "Thank you for contacting us! 😊", "شكراً لتواصلك معنا، سنرد قريباً",
        "Ваш заказ подтверждён ✅", "ご注文ありがとうございます", "We'll get back to you within 24h ⏱️",
        "Your order has shipped 📦 Tracking: SF1234567890", "תודה! ההזמנה שלך בדרך", "Hola, ¿en qué podemos ayudarte?",
        "已为您安排退款，请留意到账通知 💰", "Xin cảm ơn quý khách 🙏", "Please rate us ⭐⭐⭐⭐⭐",
    ];

    public static readonly string[] SystemTexts =
    [
        "Conversation assigned to {0}", "会话已分配给 {0}", "Session expired after 24 hours",
        "Customer opted in to marketing messages", "会话已结束", "تم تحويل المحادثة إلى {0}",
    ];

    public static readonly string[] Captions =
    [
        "看看这个", "Here you go 👇", "الفاتورة", "Фото товара", "请查收", "invoice attached 📎",
    ];

    public static readonly string[] Emoji = ["👍", "❤️", "😂", "😮", "😢", "🙏", "👍🏽", "👨‍👩‍👧", "🇭🇰", "🔥", "🎉", "🤝🏿"];

    public static readonly string[] FailureRemarks =
    [
        "131026: Message undeliverable",
        "131047: Re-engagement message",
        "131049: This message was not delivered to maintain healthy ecosystem engagement",
        "131051: Unsupported message type",
        "130472: User's number is part of an experiment",
    ];

    public static readonly string[] Remarks =
    [
        "客户要求回电", "VIP customer – handle with care", "follow-up 📞 tomorrow", "طلب استرداد", "Escalated to tier 2",
        "已核实身份", "Wrong number, do not contact", "Ждёт ответа от склада",
    ];
}
