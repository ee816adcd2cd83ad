using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace OpdReception.Tests.Browser;

/// <summary>axe-core in the page: violations, described so a failure says what to fix.</summary>
public static class Axe
{
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page) =>
        (await ViolationsAsync(page)).Where(v => v.StartsWith("serious ", StringComparison.Ordinal) || v.StartsWith("critical ", StringComparison.Ordinal)).ToList();

    /// <summary>Every violation, of any impact.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
    }
}
