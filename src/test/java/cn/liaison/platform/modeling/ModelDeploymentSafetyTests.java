package cn.liaison.platform.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.liaison.platform.PlatformTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Analysts deploy models from Camunda Modeler through /engine-rest; models are data, not code. A model that
 * would run code is refused with 400, naming the element and the reason in Chinese, and nothing is deployed;
 * the shipped models and an analyst's ordinary change are accepted; nobody but analysts and administrators
 * may deploy at all.
 */
@PlatformTest
@ExtendWith(OutputCaptureExtension.class)
class ModelDeploymentSafetyTests {

  static final String ATTACKER = "analyst1";

  @Autowired TestRestTemplate http;
  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngineConfigurationImpl engineConfiguration;

  final List<String> deployed = new ArrayList<>();

  @AfterEach
  void removeWhatTheTestDeployed() {
    // the test's deployments go again, so the shipped models stay the latest versions for the other tests
    deployed.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  // ---- models that run code: each refused with its reason ----

  static Stream<Arguments> modelsThatRunCode() {
    return Stream.of(
        Arguments.of("a service task with a Java class", "evil-class.bpmn", process(
            "<bpmn:serviceTask id=\"Task_Evil\" camunda:class=\"cn.liaison.platform.Evil\" />"),
            "Task_Evil", "不允许 Java 类"),
        Arguments.of("a script task", "evil-script.bpmn", process(
            "<bpmn:scriptTask id=\"Task_Evil\" scriptFormat=\"javascript\"><bpmn:script>java.lang.System.exit(1)"
                + "</bpmn:script></bpmn:scriptTask>"),
            "Task_Evil", "不允许脚本任务"),
        Arguments.of("a script listener", "evil-listener.bpmn", process(
            "<bpmn:task id=\"Task_Evil\"><bpmn:extensionElements><camunda:executionListener event=\"start\">"
                + "<camunda:script scriptFormat=\"groovy\">'id'.execute()</camunda:script>"
                + "</camunda:executionListener></bpmn:extensionElements></bpmn:task>"),
            "Task_Evil", "不允许脚本"),
        Arguments.of("an expression service task that makes the attacker an administrator", "evil-expression.bpmn",
            process("<bpmn:serviceTask id=\"Task_Evil\" "
                + "camunda:expression=\"${identityService.createMembership('analyst1','camunda-admin')}\" />"),
            "Task_Evil", "不允许 camunda:expression"),
        Arguments.of("an unknown delegate", "evil-delegate.bpmn", process(
            "<bpmn:serviceTask id=\"Task_Evil\" camunda:delegateExpression=\"${identityService}\" />"),
            "Task_Evil", "不是平台的委托 bean"),
        Arguments.of("a gateway condition calling a method", "evil-condition.bpmn", gateway(
            "${identityService.createMembership('analyst1','camunda-admin') == null}"),
            "Flow_Evil", "调用了方法"),
        Arguments.of("a timer reaching a bean", "evil-timer.bpmn", process(
            "<bpmn:intermediateCatchEvent id=\"Timer_Evil\"><bpmn:timerEventDefinition>"
                + "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">${departmentCalls.retryCycle}"
                + "</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>"),
            "Timer_Evil", "引用了平台内部对象"),
        Arguments.of("an input mapping reaching the engine", "evil-mapping.bpmn", process(
            "<bpmn:task id=\"Task_Evil\"><bpmn:extensionElements><camunda:inputOutput>"
                + "<camunda:inputParameter name=\"x\">${execution.processEngineServices}</camunda:inputParameter>"
                + "</camunda:inputOutput></bpmn:extensionElements></bpmn:task>"),
            "Task_Evil", "使用了引擎对象 execution"),
        Arguments.of("a JUEL decision", "evil-juel.dmn", decision(
            "<inputExpression id=\"InputExpression_Evil\" typeRef=\"string\" expressionLanguage=\"juel\">"
                + "<text>${identityService.createMembership('analyst1','camunda-admin')}</text></inputExpression>",
            "\"x\""),
            "InputExpression_Evil", "表达式语言“juel”不允许"),
        Arguments.of("a FEEL decision calling Java", "evil-feel.dmn", decision(
            "<inputExpression id=\"InputExpression_Category\" typeRef=\"string\"><text>category</text></inputExpression>",
            "{f: function(x) external {java: {class: \"java.lang.System\", method signature: \"getProperty("
                + "java.lang.String)\"}}, r: f(\"user.home\")}.r"),
            "OutputEntry_Evil", "调用 Java 的函数"),
        Arguments.of("an HTML form that would run script in Tasklist", "evil-form.html",
            "<script>fetch('/engine-rest/group/camunda-admin/members/analyst1', {method: 'PUT'})</script>",
            "evil-form.html", "不接受这种文件"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modelsThatRunCode")
  void modelThatRunsCodeIsRefusedWithItsReasonAndNothingIsDeployed(String what, String file, String content,
      String elementId, String reason, CapturedOutput log) {
    long deployments = repositoryService.createDeploymentQuery().count();

    ResponseEntity<byte[]> answer = deploy(ATTACKER, "malicious", Map.of(file, content));

    String body = new String(answer.getBody(), StandardCharsets.UTF_8);
    assertThat(answer.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(body).contains(elementId, reason, "未通过平台的安全检查");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(identityService.createUserQuery().userId(ATTACKER).memberOfGroup("camunda-admin").count()).isZero();
    assertThat(log.getOut()).contains("模型部署被拒绝", "user=" + ATTACKER, "name=malicious", file, elementId);
  }

  @Test
  void decisionsEvaluateFeelParsedOncePerExpression() {
    assertThat(engineConfiguration.getDmnEngineConfiguration().getFeelEngine()).isInstanceOf(ParsedFeelCache.class);
  }

  @Test
  void modelThatRunsCodeIsRefusedAlsoForTheAdministrator() {
    ResponseEntity<byte[]> answer = deploy("demo", "malicious", Map.of("evil.bpmn",
        process("<bpmn:serviceTask id=\"Task_Evil\" camunda:class=\"cn.liaison.platform.Evil\" />")));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void decisionThatNamesNoLanguageIsFeelNeverJuel() {
    var dmn = engineConfiguration.getDmnEngineConfiguration();
    assertThat(List.of(dmn.getDefaultInputExpressionExpressionLanguage(), dmn.getDefaultInputEntryExpressionLanguage(),
        dmn.getDefaultOutputEntryExpressionLanguage(), dmn.getDefaultLiteralExpressionLanguage()))
        .allSatisfy(language -> assertThat(DmnRules.isFeel(language)).as(language).isTrue());
    assertThat(engineConfiguration.isDmnFeelEnableLegacyBehavior()).isFalse();
  }

  @Test
  void variableNamedLikeABeanIsRefused() {
    ResponseEntity<byte[]> answer = deploy(ATTACKER, "malicious", Map.of("bean-named-variable.bpmn", process(
        "<bpmn:userTask id=\"Task_Evil\" name=\"审核\" camunda:candidateGroups=\"${identityService}\" />")));

    assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).contains("Task_Evil", "identityService");
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  // ---- what analysts do every day: accepted ----

  @Test
  void shippedModelsPassTheCheck(CapturedOutput log) throws IOException {
    Map<String, String> shipped = new LinkedHashMap<>();
    for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/**/*.*")) {
      shipped.put(r.getFilename(), r.getContentAsString(StandardCharsets.UTF_8));
    }
    assertThat(shipped).containsKeys("opinion-loop.bpmn", "opinion-triage.dmn", "rice-replanting-campaign.bpmn",
        "household-sign-off.bpmn", "opinion-handle.form");

    ResponseEntity<byte[]> answer = deploy(ATTACKER, "shipped models", shipped);

    assertThat(answer.getStatusCode()).as(new String(answer.getBody(), StandardCharsets.UTF_8)).isEqualTo(HttpStatus.OK);
    assertThat(log.getOut()).contains("模型部署已接受", "user=" + ATTACKER, "name=shipped models", "opinion-loop.bpmn");
  }

  @Test
  void analystsOrdinaryChangeIsAccepted() throws IOException {
    var resolver = new PathMatchingResourcePatternResolver();
    // a changed timer duration in a copy of the opinion loop (another key, so citizens keep the shipped loop)
    String loop = resolver.getResource("classpath:processes/opinion/opinion-loop.bpmn")
        .getContentAsString(StandardCharsets.UTF_8);
    assertThat(loop).contains("<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">${evaluationWindow}</bpmn:timeDuration>");
    String changedLoop = loop.replace("id=\"opinion-loop\"", "id=\"analyst-change-test\"")
        .replace(">${evaluationWindow}</bpmn:timeDuration>", ">P10D</bpmn:timeDuration>");
    // a changed DMN row (FEEL), in a copy of the triage table
    String triage = resolver.getResource("classpath:processes/opinion/opinion-triage.dmn")
        .getContentAsString(StandardCharsets.UTF_8);
    String changedTriage = triage.replace("id=\"opinion-triage\"", "id=\"analyst-change-triage\"")
        .replace("<inputEntry id=\"Rule_LuzhaiIrrigation_Place\"><text>contains(?, \"路寨\")</text>",
            "<inputEntry id=\"Rule_LuzhaiIrrigation_Place\"><text>contains(?, \"路寨\") or contains(?, \"太平\")</text>");
    assertThat(changedTriage).contains("太平").doesNotContain("id=\"opinion-triage\"");
    // a new user task with a form and a new gateway condition on a variable
    String newTask = gateway("${approved == true &amp;&amp; not empty reviewNote}")
        .replace("id=\"model-safety-test\"", "id=\"analyst-review-test\"")
        .replace("<bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"Start\" targetRef=\"Gateway_Decide\" />",
            "<bpmn:userTask id=\"Task_Review\" name=\"复核\" camunda:formRef=\"analyst-review\""
                + " camunda:formRefBinding=\"deployment\" camunda:candidateGroups=\"analysts\" camunda:dueDate=\"${dueDate}\" />"
                + "<bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"Start\" targetRef=\"Task_Review\" />"
                + "<bpmn:sequenceFlow id=\"Flow_2\" sourceRef=\"Task_Review\" targetRef=\"Gateway_Decide\" />");
    assertThat(newTask).contains("Task_Review", "Flow_2");
    String form = "{\"id\": \"analyst-review\", \"type\": \"default\", \"schemaVersion\": 16, \"components\": ["
        + "{\"type\": \"checkbox\", \"key\": \"approved\", \"label\": \"同意\"},"
        + "{\"type\": \"textarea\", \"key\": \"reviewNote\", \"label\": \"复核意见\"}]}";

    Map<String, String> change = new LinkedHashMap<>();
    change.put("analyst-change-test.bpmn", changedLoop);
    change.put("analyst-change-triage.dmn", changedTriage);
    change.put("analyst-review.bpmn", newTask);
    change.put("analyst-review.form", form);
    // the forms of the loop copy (formRefBinding="deployment")
    for (Resource r : resolver.getResources("classpath*:processes/opinion/forms/*.form")) {
      change.put(r.getFilename(), r.getContentAsString(StandardCharsets.UTF_8));
    }

    ResponseEntity<byte[]> answer = deploy(ATTACKER, "analyst change", change);

    assertThat(answer.getStatusCode()).as(new String(answer.getBody(), StandardCharsets.UTF_8)).isEqualTo(HttpStatus.OK);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("analyst-change-test").count())
        .isOne();
    assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("analyst-change-triage").count())
        .isOne();
  }

  // ---- versions deployed before the check ----

  @Test
  void versionDeployedBeforeTheCheckKeepsRunningAfterARestart() {
    String before = definitions("<bpmn:startEvent id=\"Start\" />"
        + "<bpmn:userTask id=\"Task_Old\" name=\"旧版本任务\" camunda:candidateGroups=\"${group}\" />"
        + "<bpmn:endEvent id=\"End\" /><bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"Start\" targetRef=\"Task_Old\" />"
        + "<bpmn:sequenceFlow id=\"Flow_2\" sourceRef=\"Task_Old\" targetRef=\"End\" />")
        .replace("model-safety-test", "model-safety-old-version");
    String deploymentId = repositoryService.createDeployment().name("before the check")
        .addString("old-version.bpmn", before).deploy().getId();
    deployed.add(deploymentId);
    // as stored by an older release, which did not check models: a method call in an expression
    jdbc.update("update ACT_GE_BYTEARRAY set BYTES_ = ? where DEPLOYMENT_ID_ = ? and NAME_ = ?",
        before.replace("${group}", "${group.trim()}").getBytes(StandardCharsets.UTF_8), deploymentId, "old-version.bpmn");
    // a restart: the engine parses the stored model again when an instance needs it
    engineConfiguration.getDeploymentCache().discardProcessDefinitionCache();

    runtimeService.startProcessInstanceByKey("model-safety-old-version", Map.of("group", " analysts "));

    assertThat(taskService.createTaskQuery().processDefinitionKey("model-safety-old-version")
        .taskCandidateGroup("analysts").count()).isOne();
  }

  @Test
  void versionDeployedBeforeTheCheckReachesNoPlatformBeanWhenItRuns() {
    String before = definitions("<bpmn:startEvent id=\"Start\" />"
        + "<bpmn:userTask id=\"Task_Old\" name=\"旧版本任务\" camunda:candidateGroups=\"${group}\" />"
        + "<bpmn:endEvent id=\"End\" /><bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"Start\" targetRef=\"Task_Old\" />"
        + "<bpmn:sequenceFlow id=\"Flow_2\" sourceRef=\"Task_Old\" targetRef=\"End\" />")
        .replace("model-safety-test", "model-safety-old-bean");
    String deploymentId = repositoryService.createDeployment().name("before the check")
        .addString("old-bean.bpmn", before).deploy().getId();
    deployed.add(deploymentId);
    // stored by an older release: an expression reaching a Spring bean (harmless here: it reads a setting)
    jdbc.update("update ACT_GE_BYTEARRAY set BYTES_ = ? where DEPLOYMENT_ID_ = ? and NAME_ = ?",
        before.replace("${group}", "${departmentCalls.retryCycle}").getBytes(StandardCharsets.UTF_8), deploymentId,
        "old-bean.bpmn");
    engineConfiguration.getDeploymentCache().discardProcessDefinitionCache();

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("model-safety-old-bean"))
        .hasMessageContaining("departmentCalls");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("model-safety-old-bean").count())
        .isZero();
  }

  // ---- who may deploy ----

  @ParameterizedTest
  @ValueSource(strings = {"staff1", "water1", "auditor1", "deputy1", "supervisor1"})
  void onlyAnalystsAndAdministratorsMayDeploy(String user, CapturedOutput log) {
    Map<String, String> harmless = Map.of("harmless.bpmn", process("<bpmn:task id=\"Task_Nothing\" />"));

    assertThat(deploy(user, "not mine to deploy", harmless).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(log.getOut()).contains("模型部署被拒绝", "user=" + user, "name=not mine to deploy", "harmless.bpmn");
    assertThat(deploy("demo", "administrator deploys", harmless).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  // ---- helpers ----

  ResponseEntity<byte[]> deploy(String user, String name, Map<String, String> files) {
    var form = new LinkedMultiValueMap<String, Object>();
    form.add("deployment-name", name);
    form.add("deployment-source", "Camunda Modeler");
    files.forEach((file, content) -> form.add(file, new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return file;
      }
    }));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.setOrigin("file://"); // as Camunda Modeler sends it (its renderer is a file:// page)
    ResponseEntity<byte[]> answer = http.withBasicAuth(user, user).exchange("/engine-rest/deployment/create",
        HttpMethod.POST, new HttpEntity<>(form, headers), byte[].class);
    if (answer.getStatusCode() == HttpStatus.OK) {
      repositoryService.createDeploymentQuery().deploymentName(name).list().stream().map(Deployment::getId)
          .forEach(deployed::add);
    }
    return answer;
  }

  /** A process start → the given element(s) → end; ids must be Start, End and the element's own. */
  static String process(String element) {
    String id = element.replaceFirst("(?s).*?id=\"([^\"]+)\".*", "$1");
    return definitions("<bpmn:startEvent id=\"Start\" />" + element + "<bpmn:endEvent id=\"End\" />"
        + "<bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"Start\" targetRef=\"" + id + "\" />"
        + "<bpmn:sequenceFlow id=\"Flow_2\" sourceRef=\"" + id + "\" targetRef=\"End\" />");
  }

  /** A process whose gateway decides on the given condition. */
  static String gateway(String condition) {
    return definitions("<bpmn:startEvent id=\"Start\" />"
        + "<bpmn:exclusiveGateway id=\"Gateway_Decide\" default=\"Flow_Otherwise\" />"
        + "<bpmn:endEvent id=\"End\" /><bpmn:endEvent id=\"End_Otherwise\" />"
        + "<bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"Start\" targetRef=\"Gateway_Decide\" />"
        + "<bpmn:sequenceFlow id=\"Flow_Evil\" sourceRef=\"Gateway_Decide\" targetRef=\"End\">"
        + "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">" + condition
        + "</bpmn:conditionExpression></bpmn:sequenceFlow>"
        + "<bpmn:sequenceFlow id=\"Flow_Otherwise\" sourceRef=\"Gateway_Decide\" targetRef=\"End_Otherwise\" />");
  }

  static String definitions(String processContent) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        + " id=\"Definitions_Test\" targetNamespace=\"http://bpmn.io/schema/bpmn\">"
        + "<bpmn:process id=\"model-safety-test\" name=\"模型检查\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\">"
        + processContent + "</bpmn:process></bpmn:definitions>";
  }

  /** A decision table with one input and one rule whose output entry is the given FEEL text. */
  static String decision(String inputExpression, String outputEntry) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/dmn\" id=\"Definitions_Evil\" name=\"检查\""
        + " namespace=\"http://camunda.org/schema/1.0/dmn\">"
        + "<decision id=\"model-safety-decision\" name=\"检查\" camunda:historyTimeToLive=\"P1D\">"
        + "<decisionTable id=\"DecisionTable_Evil\"><input id=\"Input_1\">" + inputExpression + "</input>"
        + "<output id=\"Output_1\" name=\"result\" typeRef=\"string\" />"
        + "<rule id=\"Rule_Evil\"><inputEntry id=\"InputEntry_Evil\"><text>-</text></inputEntry>"
        + "<outputEntry id=\"OutputEntry_Evil\"><text>" + outputEntry.replace("\"", "&quot;") + "</text></outputEntry>"
        + "</rule></decisionTable></decision></definitions>";
  }
}
