package cn.liaison.platform.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.JsonBodies;
import cn.liaison.platform.opinion.OpinionLoopProcess.Event;
import cn.liaison.platform.opinion.OpinionLoopProcess.Grade;
import cn.liaison.platform.opinion.OpinionLoopProcess.HandlingAction;
import cn.liaison.platform.opinion.OpinionLoopProcess.ReviewDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Route;
import cn.liaison.platform.opinion.OpinionLoopProcess.SortDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.SupervisionDecision;
import cn.liaison.platform.opinion.OpinionLoopProcess.Task;
import cn.liaison.platform.opinion.OpinionLoopProcess.Var;
import cn.liaison.platform.opinion.Rating;
import cn.liaison.platform.opinion.ReplyResult;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * One opinion in its loop (汇总梳理—分析研判—交办督办—反馈评价), each step done in Tasklist by the person whose work it is:
 * the station's staff sort it, analyst1 analyses it, the department's user answers, supervisor1 supervises, and the
 * citizen rates the answer with the ticket and key they were given.
 */
public final class OpinionInLoop {

  private final CountyScenario county;
  private final String ticket;
  private final String key;
  private final String category;
  private final String station;
  private String department;

  OpinionInLoop(CountyScenario county, String ticket, String key, String category, String station) {
    this.county = county;
    this.ticket = ticket;
    this.key = key;
    this.category = category;
    this.station = station;
  }

  public String ticket() {
    return ticket;
  }

  public String trackingKey() {
    return key;
  }

  /** 汇总梳理: the station's staff confirm it (general grade, five days), proposing the department. */
  public OpinionInLoop sorted(String proposedDepartment) {
    county.as(CountyScenario.staffOf(station)).completes(ticket, Task.SORT, Map.of(
        Var.SORT_DECISION, SortDecision.CONFIRM.name(), Var.CATEGORY, category, Var.DEPARTMENT_CODE, proposedDepartment,
        Var.GRADE, Grade.GENERAL.name(), Var.DEADLINE_DAYS, 5));
    return this;
  }

  /** Sorted, routed by the analyst to the department and handed over: the department has it. */
  public OpinionInLoop routedTo(String department) {
    sorted(department);
    analysed(Map.of(Var.ROUTE, Route.ASSIGN_DEPARTMENT.name(), Var.DEPARTMENT_CODE, department));
    handedTo(department);
    return this;
  }

  /** Sorted and routed by the analyst into the deputy's proposal pool. */
  public OpinionInLoop sortedIntoProposalOf(String deputy) {
    sorted(CountyScenario.WATER);
    return toProposalOf(deputy);
  }

  /** 分析研判 (after sorting): into the deputy's proposal pool. */
  public OpinionInLoop toProposalOf(String deputy) {
    return analysed(Map.of(Var.ROUTE, Route.TO_PROPOSAL.name(), Var.PROPOSAL_DEPUTY, deputy));
  }

  /** 分析研判: the analyst answers the citizen directly (also after a dissatisfied rating reopened it). */
  public OpinionInLoop answeredByAnalyst(String text) {
    return analysed(Map.of(Var.ROUTE, Route.ANSWER_DIRECTLY.name(), Var.ANSWER_TEXT, text));
  }

  private OpinionInLoop analysed(Map<String, Object> decision) {
    county.as(CountyScenario.ANALYST).completes(ticket, Task.ANALYZE, decision);
    return this;
  }

  /** The department's user replies in Tasklist. */
  public OpinionInLoop answered(ReplyResult result) {
    county.as(CountyScenario.userOf(department)).completes(ticket, Task.HANDLE, Map.of(
        Var.HANDLING_ACTION, HandlingAction.REPLY.name(), Var.REPLY_RESULT, result.name(),
        Var.REPLY_TEXT, "已协调相关单位现场查看并处理。", Var.REPLY_MEASURES, "现场处理"));
    return this;
  }

  /** The citizen rates the answer on the phone with the ticket and key: satisfied, it is closed. */
  public OpinionInLoop ratedBy(Rating rating) {
    HttpHeaders headers = county.citizen();
    headers.set("X-Tracking-Key", key);
    ResponseEntity<String> r = county.http.exchange("/api/opinions/" + ticket + "/evaluation", HttpMethod.POST,
        JsonBodies.json(Map.of("rating", rating.name(), "comment", rating == Rating.DISSATISFIED ? "没有解决" : "谢谢"),
            headers), String.class);
    assertThat(r.getStatusCode().value()).as("the citizen rates %s: %s", ticket, r.getBody()).isEqualTo(204);
    return this;
  }

  /** The clock past the deadline in force (if it is not already), and the overdue timer fired: 超期督办. */
  public OpinionInLoop overdue() {
    String instance = county.runtime.createProcessInstanceQuery().processInstanceBusinessKey(ticket).singleResult()
        .getId();
    Date due = (Date) county.runtime.getVariable(instance, Var.DUE_DATE);
    if (ClockUtil.getCurrentTime().before(due)) {
      CountyScenario.clockAt(ZonedDateTime.ofInstant(due.toInstant(), CountyScenario.BEIJING).plusMinutes(5));
    }
    county.fire(ticket, Event.TIMER_OVERDUE);
    return this;
  }

  /** The supervisor reassigns the overdue opinion to another department, which has it now. */
  public OpinionInLoop reassignedTo(String department, String note) {
    county.as(CountyScenario.SUPERVISOR).completes(ticket, Task.SUPERVISE, Map.of(
        Var.SUPERVISION_DECISION, SupervisionDecision.REASSIGN.name(), Var.DEPARTMENT_CODE, department,
        Var.SUPERVISION_NOTE, note));
    handedTo(department);
    return this;
  }

  /** The supervisor urges the department to answer the overdue opinion (催办). */
  public OpinionInLoop urged(String note) {
    county.as(CountyScenario.SUPERVISOR).completes(ticket, Task.SUPERVISE, Map.of(
        Var.SUPERVISION_DECISION, SupervisionDecision.URGE.name(), Var.SUPERVISION_NOTE, note));
    return this;
  }

  /** The supervisor reviews a rating that stayed dissatisfied and closes the opinion. */
  public OpinionInLoop closedAfterReview(String note) {
    county.as(CountyScenario.SUPERVISOR).completes(ticket, Task.REVIEW_DISSATISFIED, Map.of(
        Var.REVIEW_DECISION, ReviewDecision.CLOSE.name(), Var.REVIEW_NOTE, note));
    return this;
  }

  /** The citizen never rates it: the evaluation window's timer closes it (the clock must be past it). */
  public OpinionInLoop evaluationWindowEnds() {
    county.fire(ticket, Event.TIMER_EVALUATION_TIMEOUT);
    return this;
  }

  /** The hand-over to the department (an async step of the loop). */
  private void handedTo(String department) {
    this.department = department;
    county.fire(ticket, Task.ASSIGN);
  }
}
