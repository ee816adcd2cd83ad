using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace OpdReception.Tests.Browser;

/// <summary>axe-core in the page: the serious and critical violations, described so a failure says what to fix.</summary>
public static class Axe
{
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
    }
}
