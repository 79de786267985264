package app.dunwell.ui;

import app.dunwell.ruleset.ActiveRuleset;
import app.dunwell.run.SampleDataTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import static app.dunwell.TestKeys.withBootstrapKey;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web UI in a real browser, on the sample center of the run command (the profile of {@link SampleDataTest}, so no boot
 * of its own): signing in and out, the queue worked (approve, assign, resolve), an invoice's story, the reports with their
 * CSV, the policy, and every page at a phone's width. Each page is saved under target/screenshots, desktop and phone.
 * Quarkus runs the test classes of one profile in name order: SampleDataTest reads the seeded queue before this class
 * works it.
 */
@QuarkusTest
@TestProfile(SampleDataTest.SampleCenter.class)
public class UiTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static Browser browser;
    private static String approverKey;
    private static String analystKey;

    @ConfigProperty(name = "dunwell.sample-data.center-id")
    String center;

    @TestHTTPResource("/")
    URL base;

    @Inject
    ActiveRuleset rulesets;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void freshBrowser() {
        if (approverKey == null) {
            approverKey = issue("director", "approver");
            analystKey = issue("analyst", "analyst");
        }
        browser.desktop();
        open("/ui/login");
        browser.driver.manage().deleteAllCookies();
    }

    @Test
    void aDirectorSignsInAndWorksTheQueue() {
        signIn(approverKey);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/ui/queue"), browser.driver.getCurrentUrl());
        browser.screenshot("queue-desktop");

        // What waits, with its invoice and what it would do; the tasks with their type and invoice.
        List<WebElement> approvals = browser.driver.findElements(By.cssSelector("article.approval"));
        assertFalse(approvals.isEmpty(), "approvals are listed");
        WebElement reminder = approvals.stream().filter(a -> "SEND_REMINDER".equals(a.getAttribute("data-type"))).findFirst().orElseThrow();
        String invoice = reminder.getAttribute("data-invoice");
        assertTrue(reminder.findElement(By.cssSelector("a.invoice")).getText().equals(invoice), reminder.getText());
        assertTrue(reminder.getText().contains("SEND_REMINDER"), reminder.getText());
        assertTrue(reminder.findElement(By.cssSelector(".what")).getText().startsWith("Send the "), reminder.getText());
        assertFalse(reminder.findElements(By.cssSelector(".why li")).isEmpty(), "why: the rules that proposed it");
        WebElement hardship = task("HARDSHIP_REVIEW");
        assertEquals("INV-1003", hardship.getAttribute("data-invoice"));
        assertTrue(hardship.getText().contains("HARDSHIP_REVIEW") && hardship.getText().contains("INV-1003"), hardship.getText());

        // Approve one: it leaves the queue, and the API sees it approved.
        String approvalId = reminder.getAttribute("id").substring("approval-".length());
        submit(reminder.findElement(By.cssSelector("button.approve")));
        assertTrue(browser.driver.findElement(By.id("notice")).getText().startsWith("Approved"), browser.driver.findElement(By.id("notice")).getText());
        assertTrue(browser.driver.findElements(By.id("approval-" + approvalId)).isEmpty(), "approved, so no longer waiting");
        List<String> waiting = withBootstrapKey().get("/api/v1/approvals?centerId=" + center).then().statusCode(200).extract().jsonPath().getList("id");
        assertFalse(waiting.contains(approvalId), waiting.toString());

        // Assign one, then resolve another with a note.
        WebElement callback = task("DIRECTOR_CALLBACK");
        String callbackId = callback.getAttribute("id");
        WebElement assignee = callback.findElement(By.name("assignee"));
        assignee.clear();
        assignee.sendKeys("Maria");
        submit(callback.findElement(By.cssSelector("button.assign")));
        assertTrue(browser.driver.findElement(By.id(callbackId)).getText().contains("assigned to Maria"));

        WebElement review = task("REPLY_REVIEW");
        String reviewId = review.getAttribute("id").substring("task-".length());
        new Select(review.findElement(By.name("outcome"))).selectByValue("DONE");
        review.findElement(By.name("note")).sendKeys("Called the family: the amount is right");
        submit(review.findElement(By.cssSelector("button.resolve")));
        assertTrue(browser.driver.findElement(By.id("notice")).getText().startsWith("Task resolved"));
        assertTrue(browser.driver.findElements(By.id("task-" + reviewId)).isEmpty(), "resolved, so no longer open");
        JsonPath done = withBootstrapKey().get("/api/v1/tasks?state=DONE&centerId=" + center).then().statusCode(200).extract().jsonPath();
        Map<String, Object> resolved = done.<Map<String, Object>>getList("tasks").stream().filter(t -> reviewId.equals(t.get("id"))).findFirst().orElseThrow();
        assertEquals("DONE", resolved.get("outcome"));
        assertEquals("Called the family: the amount is right", resolved.get("note"));
    }

    @Test
    void anInvoiceReadsAsAStory() {
        signIn(approverKey);
        task("HARDSHIP_REVIEW").findElement(By.cssSelector("a.invoice")).click();
        waitFor(By.id("invoice-title"));
        assertEquals("INV-1003", browser.driver.findElement(By.id("invoice-title")).getText());
        WebElement decision = browser.driver.findElement(By.cssSelector(".story li[data-type=decision]"));
        assertTrue(decision.getText().contains("Dunwell decided") && decision.getText().contains("Rules that fired"), decision.getText());
        assertFalse(decision.findElements(By.cssSelector(".why li")).isEmpty(), "the rules that fired");
        WebElement message = browser.driver.findElement(By.cssSelector(".story li[data-type=message]"));
        assertTrue(message.getText().contains("Message sent: the first overdue notice by email"), message.getText());
        assertTrue(message.findElement(By.tagName("blockquote")).getText().contains("INV-1003"), message.getText());
        WebElement reply = browser.driver.findElement(By.cssSelector(".story li[data-type=reply]"));
        assertTrue(reply.findElement(By.tagName("blockquote")).getText().contains("I lost my job last month"), reply.getText());
        assertTrue(reply.getText().contains("Read as HARDSHIP"), reply.getText());
        browser.screenshot("invoice-desktop");

        open("/ui/invoices/INV-NOPE");
        assertTrue(browser.driver.getPageSource().contains("Nothing is recorded for invoice INV-NOPE"));
        open("/ui/invoices");
        assertFalse(browser.driver.findElements(By.linkText("INV-1003")).isEmpty());
        browser.screenshot("invoices-desktop");
    }

    @Test
    void reportsShowTheFunnelAndDownloadTheCancelledInvoices() throws IOException, InterruptedException {
        signIn(approverKey);
        open("/ui/reports");
        assertEquals(6, browser.driver.findElements(By.cssSelector("svg#funnel rect")).size(), "a bar per stage");
        assertTrue(browser.driver.findElement(By.id("funnel")).getAttribute("aria-label").contains("UNPAID"));
        assertTrue(browser.driver.findElement(By.id("collections")).getText().contains("reminders sent"));
        assertTrue(browser.driver.findElement(By.id("cancelled")).getText().contains("INV-0850"));
        browser.screenshot("reports-desktop");

        Path csv = Browser.DOWNLOADS.resolve("cancelled-invoices-" + center + ".csv");
        Files.deleteIfExists(csv);
        browser.driver.findElement(By.id("cancelled-csv")).click();
        for (int i = 0; i < 300 && !Files.exists(csv); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(csv), "the CSV was downloaded to " + csv);
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("invoice,date,due date,cancelled date"), text);
        assertTrue(text.contains("INV-0850"), text);

        open("/ui/reports?from=not-a-date");
        assertTrue(browser.driver.findElement(By.id("error-detail")).getText().contains("from is not a date"));
        browser.screenshot("error-desktop");
    }

    @Test
    void thePolicyPageShowsTheServingRulesetAndTheLastRefusedChange() {
        String serving = rulesets.current().orElseThrow().version();
        // A change that does not compile is refused, and the ruleset that served goes on serving.
        var candidate = rulesets.current().orElseThrow().files().with(Map.of("rules/ui-broken.drl", "rule \"broken\" when then this is not java; end"));
        assertTrue(rulesets.load(candidate).isEmpty(), "refused");
        signIn(analystKey);
        open("/ui/policy");
        assertEquals(serving, browser.driver.findElement(By.id("ruleset-version")).getText());
        assertFalse(browser.driver.findElements(By.cssSelector("#files tbody tr")).isEmpty());
        String refused = browser.driver.findElement(By.id("refused-change")).getText();
        assertTrue(refused.contains(candidate.version()) && refused.contains("rules/ui-broken.drl"), refused);
        browser.screenshot("policy-desktop");
    }

    @Test
    void everyPageFitsAPhone() {
        browser.phone();
        open("/ui/login");
        fits("login-phone");
        signIn(approverKey);
        for (String page : List.of("queue", "invoices/INV-1003", "invoices", "reports", "policy")) {
            open("/ui/" + page);
            fits(page.replace('/', '-') + "-phone");
        }
    }

    @Test
    void aWrongKeyIsRefused() {
        String wrong = "dwk_not-a-key-anyone-was-given";
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()) + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try {
            open("/ui/login");
            browser.driver.findElement(By.id("apiKey")).sendKeys(wrong);
            browser.driver.findElement(By.id("sign-in")).click();
            waitFor(By.id("login-error"));
            assertTrue(browser.driver.findElement(By.id("login-error")).getText().contains("That key is not valid"));
            assertNull(browser.driver.manage().getCookieNamed(UiSessions.COOKIE), "no session");
            browser.screenshot("login-refused-desktop");

            Response login = given().redirects().follow(false).get("/ui/login");
            given().redirects().follow(false).cookie(UiCookies.LOGIN, login.getCookie(UiCookies.LOGIN)).formParam("csrf", token(login.asString()))
                    .formParam("apiKey", wrong + "-too").post("/ui/login").then().statusCode(401);
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        assertTrue(logged.stream().noneMatch(line -> line.contains(wrong)), "the refused key is not logged: " + logged);
    }

    @Test
    void aFormWithoutItsTokenIsRefused() {
        String session = restSignIn(approverKey, null);
        String task = openTask("DIRECTOR_CALLBACK");
        Response refused = given().redirects().follow(false).cookie(UiSessions.COOKIE, session).formParam("assignee", "Mallory")
                .post("/ui/tasks/" + task + "/assign");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.contentType().startsWith("text/html"), refused.contentType());
        assertTrue(refused.asString().contains("security token"), refused.asString());
        given().redirects().follow(false).cookie(UiSessions.COOKIE, session).formParam("csrf", "forged").formParam("assignee", "Mallory")
                .post("/ui/tasks/" + task + "/assign").then().statusCode(403);
        // Signing in is a form too.
        given().redirects().follow(false).formParam("apiKey", approverKey).post("/ui/login").then().statusCode(403);
    }

    @Test
    void badFormInputGetsAClearMessage() {
        String session = restSignIn(approverKey, null);
        String token = token(given().cookie(UiSessions.COOKIE, session).get("/ui/queue").then().statusCode(200).extract().asString());
        String task = openTask("STAFF_CALL", "NO_CHANNEL");
        Map<String, String> cases = Map.of(
                "/ui/tasks/" + task + "/assign|assignee=", "assignee is required",
                "/ui/tasks/" + task + "/resolve|outcome=MAYBE", "outcome is not one of",
                "/ui/tasks/" + task + "/resolve|outcome=PLAN_AGREED", "PLAN_AGREED resolves a HARDSHIP_REVIEW",
                "/ui/tasks/not-a-task/resolve|outcome=DONE", "id is not a valid task id",
                "/ui/approvals/not-an-id/approve|x=1", "id is not a valid approval id");
        cases.forEach((request, message) -> {
            String[] parts = request.split("\\|");
            String[] field = parts[1].split("=", -1);
            Response answer = given().redirects().follow(false).cookie(UiSessions.COOKIE, session).formParam("csrf", token)
                    .formParam(field[0], field[1]).post(parts[0]);
            assertEquals(400, answer.statusCode(), request + ": " + answer.asString());
            assertTrue(answer.contentType().startsWith("text/html"), answer.contentType());
            assertTrue(answer.asString().contains(message), request + ": " + answer.asString());
        });
        given().redirects().follow(false).cookie(UiSessions.COOKIE, session).formParam("csrf", token)
                .post("/ui/approvals/" + java.util.UUID.randomUUID() + "/approve").then().statusCode(404);
    }

    @Test
    void signingOutEndsTheSession() {
        signIn(approverKey);
        Cookie cookie = browser.driver.manage().getCookieNamed(UiSessions.COOKIE);
        assertTrue(cookie.isHttpOnly(), "HttpOnly");
        assertEquals("Strict", cookie.getSameSite());
        browser.driver.findElement(By.id("sign-out")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/ui/login"));
        assertTrue(browser.driver.getPageSource().contains("You are signed out."));
        open("/ui/queue");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/ui/login"), browser.driver.getCurrentUrl());
        // The old cookie signs nobody in any more.
        Response stale = given().redirects().follow(false).cookie(UiSessions.COOKIE, cookie.getValue()).get("/ui/queue");
        assertEquals(303, stale.statusCode());
        assertTrue(stale.header("Location").endsWith("/ui/login"), stale.header("Location"));
    }

    @Test
    void aKeysCenterAndRolesApplyAsInTheApi() {
        // An analyst reads the reports but does not work the queue.
        String analyst = restSignIn(analystKey, null);
        Response queue = given().redirects().follow(false).cookie(UiSessions.COOKIE, analyst).get("/ui/queue");
        assertEquals(403, queue.statusCode());
        assertTrue(queue.asString().contains("needs one of [APPROVER]"), queue.asString());
        given().redirects().follow(false).cookie(UiSessions.COOKIE, analyst).get("/ui/reports").then().statusCode(200);
        // A center's key does not name another center; the bootstrap key names one.
        Response other = restSignInAnswer(approverKey, "some-other-center");
        assertEquals(403, other.statusCode());
        assertTrue(other.asString().contains("acts for its own center only"));
        String bootstrap = restSignIn("test-bootstrap-key", center);
        assertTrue(given().cookie(UiSessions.COOKIE, bootstrap).get("/ui/queue").then().statusCode(200).extract().asString().contains(center));
        Response set = restSignInAnswer(approverKey, null);
        String header = set.header("Set-Cookie");
        assertNotNull(header);
        assertTrue(set.headers().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(UiSessions.COOKIE + "=") && c.contains("HttpOnly")
                && c.contains("SameSite=Strict") && c.contains("Path=/ui")), set.headers().getValues("Set-Cookie").toString());
    }

    @Test
    void pagesAnswerInHtmlAndSendStrangersToSignIn() {
        for (String path : List.of("/ui", "/ui/", "/ui/queue", "/ui/invoices/INV-1003", "/ui/reports", "/ui/policy")) {
            Response answer = given().redirects().follow(false).get(path);
            assertEquals(303, answer.statusCode(), path);
            assertTrue(answer.header("Location").endsWith("/ui/login"), path + " → " + answer.header("Location"));
        }
        String session = restSignIn(approverKey, null);
        Response page = given().redirects().follow(false).cookie(UiSessions.COOKIE, session).get("/ui/queue");
        assertEquals(200, page.statusCode());
        assertTrue(page.header("Content-Security-Policy").contains("script-src 'self'"), page.headers().toString());
        assertEquals("no-store", page.header("Cache-Control"));
        Response missing = given().redirects().follow(false).cookie(UiSessions.COOKIE, session).get("/ui/no-such-page");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.contentType().startsWith("text/html"), missing.contentType());
        Response json = given().redirects().follow(false).cookie(UiSessions.COOKIE, session).contentType("application/json").body("{}")
                .post("/ui/logout");
        assertEquals(415, json.statusCode());
        assertTrue(json.contentType().startsWith("text/html"), json.contentType());
        given().get("/ui/assets/ui.css").then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/css"));
        Map<String, Object> api = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath().getMap("paths");
        assertTrue(api.containsKey("/api/v1/approvals") && api.keySet().stream().noneMatch(p -> p.startsWith("/ui")), api.keySet().toString());
    }

    private void fits(String screenshot) {
        long scroll = browser.scrollWidth();
        long inner = browser.innerWidth();
        browser.screenshot(screenshot);
        assertTrue(scroll <= inner, screenshot + ": the page is " + scroll + "px wide in a " + inner + "px viewport");
    }

    private WebElement task(String type) {
        return browser.driver.findElements(By.cssSelector("article.task")).stream().filter(t -> type.equals(t.getAttribute("data-type")))
                .findFirst().orElseThrow(() -> new AssertionError("no open " + type + " task on the queue"));
    }

    private String openTask(String... types) {
        JsonPath tasks = withBootstrapKey().get("/api/v1/tasks?state=OPEN&centerId=" + center).then().statusCode(200).extract().jsonPath();
        for (String type : types) {
            for (Map<String, Object> t : tasks.<Map<String, Object>>getList("tasks")) {
                if (type.equals(t.get("type"))) {
                    return (String) t.get("id");
                }
            }
        }
        throw new AssertionError("no open task of " + List.of(types) + ": " + tasks.prettify());
    }

    private void signIn(String key) {
        open("/ui/login");
        browser.driver.findElement(By.id("apiKey")).sendKeys(key);
        browser.driver.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/ui/queue"));
    }

    private void open(String path) {
        browser.driver.get(base.toString().replaceAll("/$", "") + path);
    }

    /**
     * Clicks a form's button and waits for the page it leads to, then for its notice (the old page had one too). The old
     * page is marked in its window, which the next page does not have; asking the old button whether it is stale instead
     * made Chromium answer with an inspector error now and then.
     */
    private void submit(WebElement button) {
        JavascriptExecutor page = (JavascriptExecutor) browser.driver;
        page.executeScript("window.dunwellLeftPage = true");
        button.click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("return window.dunwellLeftPage === undefined && document.readyState === 'complete'")));
        waitFor(By.id("notice"));
    }

    private void waitFor(By element) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    private String issue(String name, String role) {
        return withBootstrapKey().contentType("application/json")
                .body(Map.of("name", name, "roles", List.of(role), "centerId", center))
                .post("/api/v1/keys").then().statusCode(201).extract().path("key");
    }

    private static String restSignIn(String key, String centerId) {
        Response answer = restSignInAnswer(key, centerId);
        assertEquals(303, answer.statusCode(), answer.asString());
        return answer.getCookie(UiSessions.COOKIE);
    }

    private static Response restSignInAnswer(String key, String centerId) {
        Response form = given().redirects().follow(false).get("/ui/login");
        var request = given().redirects().follow(false).cookie(UiCookies.LOGIN, form.getCookie(UiCookies.LOGIN))
                .formParam("csrf", token(form.asString())).formParam("apiKey", key);
        if (centerId != null) {
            request.formParam("centerId", centerId);
        }
        return request.post("/ui/login");
    }

    private static String token(String html) {
        Matcher m = CSRF.matcher(html);
        assertTrue(m.find(), "a form with its token: " + html);
        return m.group(1);
    }
}
