package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.controller.state.StoreSettings;
import io.ado.protocol.Json;
import io.ado.protocol.TaskSpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium: log in, see the workers, follow a running task's output
 * live (across a controller restart, resuming from last seq + 1), cancel it, drain a worker.
 * With {@code -Dado.screenshot=docs/dashboard.png} it saves the page with a running task.
 */
class DashboardIT {
    static final String TOKEN = "dash-token-0123456789";
    @TempDir Path dir;
    LocalCluster cluster;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void up() throws Exception {
        cluster = new LocalCluster(dir, StoreSettings.EMBEDDED, TOKEN);
        cluster.addWorker("gpu-box", 2);
        cluster.addWorker("spare", 1);
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"); // Debian's: no Selenium Manager, no network
        ChromeOptions options = new ChromeOptions().addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1000");
        browser = new ChromeDriver(options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void down() {
        if (browser != null) browser.quit();
        cluster.close();
    }

    @Test
    void logInWatchATaskLiveAndCancelIt() throws Exception {
        browser.get(cluster.controller.url() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
        long loadMs = ((Number) ((JavascriptExecutor) browser).executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return n.domContentLoadedEventEnd - n.startTime;")).longValue();
        System.out.println("dashboard page load: " + loadMs + " ms");
        assertThat(loadMs).as("page load, ms").isLessThan(1000);

        browser.findElement(By.id("token")).sendKeys("wrong-token-0123456789");
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("login-error"), "wrong API token"));
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("token")).clear();
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#workers tr[data-worker='gpu-box']")));
        assertThat(text(By.cssSelector("#workers tr[data-worker='spare']"))).contains("idle");

        String gate = dir.resolve("gate").toString();
        String id = submit("i=0; while [ ! -f " + gate + " ]; do i=$((i+1)); echo \"line $i\"; sleep 0.1; done");
        By row = By.cssSelector("#tasks tr[data-task='" + id + "']");
        wait.until(ExpectedConditions.textMatches(row, Pattern.compile("running")));
        click(row);
        wait.until(ExpectedConditions.textToBe(By.id("stream-state"), "live"));
        wait.until(ExpectedConditions.textMatches(By.id("output"), Pattern.compile("line 3\\b")));
        int seen = lines().size();
        wait.until(d -> lines().size() >= seen + 5); // new lines keep arriving: it follows live
        assertThat(text(By.cssSelector("#workers tr[data-worker='gpu-box']"))).contains(id);
        screenshot();

        // The controller restarts under the page: the stream reconnects from last seq + 1, no line lost or doubled.
        cluster.restartController();
        int before = lines().size();
        wait.until(d -> lines().size() >= before + 10);
        wait.until(ExpectedConditions.textToBe(By.id("events-state"), "live")); // its event socket is back too
        List<String> got = lines();
        for (int i = 0; i < got.size(); i++) assertThat(got.get(i)).isEqualTo("line " + (i + 1));

        click(By.id("cancel"));
        wait.until(ExpectedConditions.textToBe(By.id("task-status"), "cancelled"));
        wait.until(ExpectedConditions.textMatches(By.id("stream-state"), Pattern.compile("ended: cancelled")));
        assertThat(status(id)).isEqualTo("cancelled");

        click(By.cssSelector("#workers tr[data-worker='spare'] button.drain"));
        wait.until(ExpectedConditions.textMatches(By.cssSelector("#workers tr[data-worker='spare']"), Pattern.compile("draining")));
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/api/v1/workers/spare").contains("\"status\":\"draining\""));
        wait.until(ExpectedConditions.textMatches(By.id("events"), Pattern.compile("task\\.cancelled")));
    }

    /** Lists are redrawn on every refresh: a click may land on a row just replaced, so it is retried on a fresh one. */
    private void click(By what) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(what).click();
            return true;
        });
    }

    /** The text of an element of a list, read again if the list was redrawn meanwhile. */
    private String text(By what) { return wait.ignoring(StaleElementReferenceException.class).until(d -> d.findElement(what).getText()); }

    private List<String> lines() {
        String text = browser.findElement(By.id("output")).getText();
        return text.isBlank() ? List.of() : Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
    }

    /** Saves the page when {@code ado.screenshot} names a file; a relative name is under the project root. */
    private void screenshot() throws Exception {
        String target = System.getProperty("ado.screenshot");
        if (target == null || target.isBlank()) return;
        Path cwd = Path.of("").toAbsolutePath();
        Path root = Files.exists(cwd.resolve("../mvnw")) ? cwd.getParent() : cwd;
        Path out = root.resolve(target);
        Files.createDirectories(out.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), out, StandardCopyOption.REPLACE_EXISTING);
    }

    private String submit(String command) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(cluster.controller.url() + "/api/v1/tasks")).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(TaskSpec.shell(command)))).build();
        HttpResponse<String> res = cluster.api.http.send(r, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(201);
        return (String) Json.read(res.body(), Map.class).get("id");
    }

    private String get(String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(cluster.controller.url() + path)).header("Authorization", "Bearer " + TOKEN).build();
        return cluster.api.http.send(r, HttpResponse.BodyHandlers.ofString()).body();
    }

    private String status(String id) throws Exception { return (String) Json.read(get("/api/v1/tasks/" + id), Map.class).get("status"); }
}
