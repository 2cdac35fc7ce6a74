// Progressive enhancement: add the event's time in the visitor's own time zone when it differs.
(function () {
    "use strict";
    if (!window.Intl || !Intl.DateTimeFormat) { return; }
    var visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    document.querySelectorAll("[data-event-time]").forEach(function (element) {
        var eventZone = element.getAttribute("data-zone");
        if (!visitorZone || visitorZone === eventZone) { return; }
        var start = new Date(element.getAttribute("data-start"));
        var end = new Date(element.getAttribute("data-end"));
        if (isNaN(start) || isNaN(end)) { return; }
        var lang = document.documentElement.lang || undefined;
        var full = new Intl.DateTimeFormat(lang, { dateStyle: "full", timeStyle: "short" });
        var sameDay = start.toDateString() === end.toDateString();
        var endText = sameDay ? new Intl.DateTimeFormat(lang, { timeStyle: "short" }).format(end) : full.format(end);
        var local = document.createElement("span");
        local.className = "event-time__local";
        local.textContent = element.getAttribute("data-local-label") + " (" + visitorZone + "): " + full.format(start) + " – " + endText;
        element.appendChild(local);
    });
})();
