package cn.liaison.platform.modeling;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import cn.liaison.platform.audit.AuditTrail;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Models are data, not code: the deployment check for what analysts deploy from Camunda Modeler (and for
 * everything else the engine deploys, the platform's own models included).
 *
 * <ul>
 *   <li>BPMN: {@link ModelCheckParseListener} (a BPMN parse listener) with {@link BpmnRules} and
 *       {@link ExpressionRules};</li>
 *   <li>DMN and the other files: {@link ResourceCheckDeployer}, before the engine's deployers, with
 *       {@link DmnRules}; the DMN engine's default expression languages are FEEL, so a table that names no
 *       language never falls back to JUEL;</li>
 *   <li>at run time, expressions reach the platform's delegates only ({@link DelegateBeans});</li>
 *   <li>who deployed what, accepted or refused: {@link DeploymentLog}, wrapping the engine's commands, and the audit
 *       trail ({@link DeploymentAudit} in the deployment's transaction; refusals in their own).</li>
 * </ul>
 *
 * Who may deploy at all is an engine authorization (DEPLOYMENT CREATE: {@code analysts} and
 * {@code camunda-admin}, seeded by the identity feature).
 */
@Component
class ModelSafetyPlugin extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(ModelSafetyPlugin.class);

  private final ConfigurableListableBeanFactory beanFactory;
  private final ApplicationContext applicationContext;
  private final ObjectProvider<AuditTrail> audit;
  private PlatformNames names;

  ModelSafetyPlugin(ConfigurableListableBeanFactory beanFactory, ApplicationContext applicationContext,
      ObjectProvider<AuditTrail> audit) {
    this.audit = audit;
    this.beanFactory = beanFactory;
    this.applicationContext = applicationContext;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    names = new PlatformNames(beanFactory);
    onlyDelegatesInExpressions(configuration);
    ExpressionRules expressions = new ExpressionRules(names);

    List<BpmnParseListener> parseListeners = configuration.getCustomPreBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
    parseListeners.add(new ModelCheckParseListener(new BpmnRules(expressions)));
    configuration.setCustomPreBPMNParseListeners(parseListeners);

    List<Deployer> preDeployers = configuration.getCustomPreDeployers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
    preDeployers.add(0, new ResourceCheckDeployer(new DmnRules()));
    configuration.setCustomPreDeployers(preDeployers);
    List<Deployer> postDeployers = configuration.getCustomPostDeployers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostDeployers());
    postDeployers.add(new DeploymentAudit(audit));
    configuration.setCustomPostDeployers(postDeployers);

    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(0, new DeploymentLog(configuration.getIdentityService(), audit));
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);

    feelOnly(configuration);
  }

  /**
   * At run time, expressions reach the platform's delegates and nothing else of the Spring context (Camunda's
   * default exposes every bean): a second line behind the deployment check, for versions deployed before it.
   */
  private void onlyDelegatesInExpressions(ProcessEngineConfigurationImpl configuration) {
    ExpressionManager current = configuration.getExpressionManager();
    if (current != null && !(current instanceof SpringExpressionManager)) {
      log.warn("expression manager {} kept: expressions may reach every Spring bean", current.getClass().getName());
      return;
    }
    DelegateBeans delegates = new DelegateBeans(beanFactory, names);
    configuration.setBeans(delegates);
    configuration.setExpressionManager(new SpringExpressionManager(applicationContext, delegates));
  }

  /** Decisions that name no expression language are FEEL, never JUEL (which reaches every Spring bean). */
  private static void feelOnly(ProcessEngineConfigurationImpl configuration) {
    configuration.setDmnFeelEnableLegacyBehavior(false);
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    if (dmn == null) {
      dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
      configuration.setDmnEngineConfiguration(dmn);
    }
    String feel = DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE;
    dmn.setDefaultInputExpressionExpressionLanguage(feel);
    dmn.setDefaultInputEntryExpressionLanguage(feel);
    dmn.setDefaultOutputEntryExpressionLanguage(feel);
    dmn.setDefaultLiteralExpressionLanguage(feel);
    // FEEL parsed once per expression, not on every evaluation (ParsedFeelCache)
    DefaultDmnEngineConfiguration engine = dmn;
    dmn.setFeelEngineFactory(ParsedFeelCache.factory(engine::getFeelCustomFunctionProviders));
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    log.info("模型可用的委托 bean (delegate beans models may use as camunda:delegateExpression=\"${name}\"): {}",
        names.delegates());
  }
}
