using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpdReception.Tests.Hostile;

/// <summary>Request bodies: one that would be accepted, the same with one member made wrong, and raw content of any type.</summary>
public static class HostileBodies
{
    public sealed record Member(string Name, Type Type);

    public static IEnumerable<Member> Members(Type body) =>
        body.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || p.GetSetMethod(nonPublic: true) is not null || body.GetConstructors().Any(c => c.GetParameters().Any(a => a.Name == p.Name)))
            .Select(p => new Member(p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name), p.PropertyType));

    /// <summary>A body that would be accepted, so each mutated case is wrong in one member only.</summary>
    public static string BaseBody(Type body, KnownIds ids)
    {
        var values = new Dictionary<string, object?>();
        foreach (var member in Members(body))
        {
            var type = Nullable.GetUnderlyingType(member.Type) ?? member.Type;
            values[member.Name] = member.Name switch
            {
                "slotId" => ids.SlotId,
                "targetSlotId" => ids.OtherSlotId,
                "doctorId" => ids.DoctorId,
                "patientId" => null,
                "newPatient" => true,
                "sex" => "Female",
                "age" => 34,
                "birthDate" => null,
                "address" => "12 MG Road, Pune",
                "abhaNumber" => "12-3456-7890-1234",
                "abhaAddress" => "asha.verma@abdm",
                "patientName" => "Asha Verma",
                "phoneNumber" => "+91 98765 43210",
                "source" => "WalkIn",
                "status" => "Waiting",
                "reason" => "Asked at the desk",
                "name" => "Dr. Hostile",
                "specialization" => "Cardiology",
                "opdDays" => new[] { "Monday" },
                "opd_days" => null,
                "room" => "101",
                "date" => "2030-01-07",
                "startTime" => "11:00",
                "endTime" => "12:00",
                "maxCapacity" => 5,
                "minutesPerConsultation" => 10,
                "email" => "nobody@hostile.test",
                "password" => "not-the-password",
                "refreshToken" => "not-a-token",
                _ when type == typeof(int) || type == typeof(long) => 1,
                _ when type == typeof(bool) => false,
                _ => "x",
            };
        }

        return JsonSerializer.Serialize(values.Where(v => v.Value is not null).ToDictionary());
    }

    public static string Mutate(string baseBody, string member, string value)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(baseBody)!;
        var json = new StringBuilder("{");
        foreach (var (name, element) in values.Where(v => v.Key != member))
        {
            json.Append(JsonSerializer.Serialize(name)).Append(':').Append(element.GetRawText()).Append(',');
        }

        return json.Append(JsonSerializer.Serialize(member)).Append(':').Append(value).Append('}').ToString();
    }

    public static HttpContent? Json(string? body) => body is null ? null : Raw(body, "application/json");

    public static HttpContent Raw(string text, string type)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return content;
    }

    public static string Excerpt(string text) => text.Length > 12 ? text[..12] + "…" : text;
}
