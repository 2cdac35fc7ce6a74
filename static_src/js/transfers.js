// Progressive enhancement: move focus to the error summary of a form that failed, so screen reader
// and keyboard users land on the list of problems.
(function () {
    "use strict";
    var summary = document.getElementById("error-summary");
    if (summary) {
        summary.focus();
    }
})();
