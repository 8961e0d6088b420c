/**
 * 三色督办: a red/yellow/green light on every open item with a deadline (opinions at the department, proposals
 * awaiting a handling unit's answer, rectification problems). The light is kept by the engine: each process enters
 * its timed scope through {@code supervisionLightStarts} (green, and the yellow point {@code lightYellowAt} for the
 * scope's timer 亮黄灯), turns yellow at that timer or when 催办 goes out, red when the deadline passes or 督办 opens,
 * and goes out when the item leaves the deadline. Every change is copied onto the item's open tasks, so Tasklist
 * cards, staff pages and the phone workbench show it; supervisors' filters 红灯事项 / 黄灯事项 and the statistics
 * count it.
 */
package cn.liaison.platform.supervision;
