// Search page enhancements; without JavaScript the form, facets and pagination work as plain GET.
// Autocomplete follows the WAI-ARIA 1.2 combobox pattern (list autocomplete, aria-activedescendant).
(function () {
    "use strict";
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-q");
    if (!form || !input) { return; }

    var url = input.getAttribute("data-autocomplete-url");
    if (!url || !window.fetch) { return; }
    var listbox = document.createElement("ul");
    listbox.id = "search-q-suggestions";
    listbox.className = "autocomplete";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "Suggestions");
    listbox.hidden = true;
    input.parentNode.appendChild(listbox);
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.parentNode.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    var options = [];
    var active = -1;
    var timer = null;
    var lastQuery = "";
    var controller = null;

    function close() {
        listbox.hidden = true;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
    }

    function setActive(index) {
        options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
        active = index;
        if (index >= 0) {
            input.setAttribute("aria-activedescendant", options[index].id);
            options[index].scrollIntoView({ block: "nearest" });
        } else {
            input.removeAttribute("aria-activedescendant");
        }
    }

    function render(items) {
        listbox.textContent = "";
        options = items.map(function (item, i) {
            var option = document.createElement("li");
            option.id = "search-q-suggestion-" + i;
            option.setAttribute("role", "option");
            option.setAttribute("aria-selected", "false");
            option.textContent = item.title;
            option.dataset.url = item.url;
            option.addEventListener("mousedown", function (event) { event.preventDefault(); });
            option.addEventListener("click", function () { window.location.assign(item.url); });
            listbox.appendChild(option);
            return option;
        });
        active = -1;
        if (options.length) {
            listbox.hidden = false;
            input.setAttribute("aria-expanded", "true");
        } else {
            close();
        }
        status.textContent = options.length ? options.length + " " + (input.getAttribute("data-suggestions-label") || "suggestions") : "";
    }

    function fetchSuggestions() {
        var query = input.value.trim();
        if (query === lastQuery) { return; }
        lastQuery = query;
        if (query.length < 2) { render([]); return; }
        if (controller) { controller.abort(); }
        controller = window.AbortController ? new AbortController() : null;
        fetch(url + "?q=" + encodeURIComponent(query), {
            headers: { "Accept": "application/json" },
            signal: controller ? controller.signal : undefined
        }).then(function (response) {
            return response.ok ? response.json() : [];
        }).then(function (items) {
            if (input.value.trim() === query) { render(items); }
        }).catch(function (error) {
            if (error.name !== "AbortError") { render([]); }
        });
    }

    input.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
        if (listbox.hidden && event.key === "ArrowDown" && options.length) {
            listbox.hidden = false;
            input.setAttribute("aria-expanded", "true");
        }
        if (listbox.hidden) { return; }
        if (event.key === "ArrowDown") {
            event.preventDefault();
            setActive(active + 1 >= options.length ? 0 : active + 1);
        } else if (event.key === "ArrowUp") {
            event.preventDefault();
            setActive(active - 1 < 0 ? options.length - 1 : active - 1);
        } else if (event.key === "Enter" && active >= 0) {
            event.preventDefault();
            window.location.assign(options[active].dataset.url);
        } else if (event.key === "Escape") {
            event.preventDefault();
            close();
        }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
})();
