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

    /// <summary>The entry type of a list body (a weekly template is a list of sessions); null for an object body.</summary>
    public static Type? ElementOf(Type body) =>
        body == typeof(string) ? null
        : body.IsArray ? body.GetElementType()
        : body.GetInterfaces().Append(body).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>
    /// A member the body's record cannot do without: a constructor parameter with no default that is not nullable.
    /// Left out or sent as null, it must be refused, never read as 0, Sunday or 00:00.
    /// </summary>
    public static bool MustBeSent(Type body, string member)
    {
        var parameter = body.GetConstructors().SelectMany(c => c.GetParameters())
            .FirstOrDefault(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!) == member);
        if (parameter is null || parameter.HasDefaultValue)
        {
            return false;
        }

        return parameter.ParameterType.IsValueType
            ? Nullable.GetUnderlyingType(parameter.ParameterType) is null
            : new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.NotNull;
    }

    /// <summary>A body that would be accepted, so each mutated case is wrong in one member only.</summary>
    public static string BaseBody(Type body, KnownIds ids)
    {
        if (ids.Bodies.TryGetValue(body, out var told))
        {
            return told;
        }

        var values = new Dictionary<string, object?>();
        foreach (var member in Members(body))
        {
            var type = Nullable.GetUnderlyingType(member.Type) ?? member.Type;
            values[member.Name] = member.Name switch
            {
                "slotId" => ids.SlotId,
                "targetSlotId" => ids.OtherSlotId,
                "doctorId" => ids.DoctorId,
                "patientId" => "P-HOSTILE-NEW",
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
                "day" => "Monday",
                "start" => "09:00",
                "end" => "12:00",
                "slotMinutes" => 60,
                "capacityPerSlot" => 6,
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

    public static string Without(string baseBody, string member)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(baseBody)!;
        values.Remove(member);
        return JsonSerializer.Serialize(values);
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
