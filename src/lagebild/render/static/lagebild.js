(function(){"use strict";
var d=document;d.documentElement.classList.add("js");
function openTarget(){var h=location.hash.slice(1);if(!h)return;var t=d.getElementById(h);if(!t)return;
 for(var p=t.parentElement;p;p=p.parentElement){if(p.tagName==="DETAILS")p.open=true;}
 t.classList.add("flash");setTimeout(function(){t.classList.remove("flash");},2500);t.scrollIntoView({block:"center"});}
window.addEventListener("hashchange",openTarget);openTarget();
var box=d.querySelector(".evidence"),pinned=null;
function show(s,on){if(!box)return;var ev=d.getElementById(s.getAttribute("data-ev"));
 d.querySelectorAll(".sent.open").forEach(function(x){if(x!==s){x.classList.remove("open");x.setAttribute("aria-expanded","false");}});
 d.querySelectorAll(".ev.open").forEach(function(x){if(x!==ev)x.classList.remove("open");});
 s.classList.toggle("open",on);s.setAttribute("aria-expanded",on?"true":"false");
 if(ev)ev.classList.toggle("open",on);box.classList.toggle("open",on);}
d.querySelectorAll(".sent[data-ev]").forEach(function(s){
 s.addEventListener("click",function(e){if(e.target.closest("a"))return;var on=pinned!==s;pinned=on?s:null;show(s,on);});
 s.addEventListener("keydown",function(e){if(e.key==="Enter"||e.key===" "){e.preventDefault();s.click();}});
 s.addEventListener("mouseenter",function(){if(!pinned)show(s,true);});
 s.addEventListener("mouseleave",function(){if(!pinned)show(s,false);});});
var f=d.querySelector("[data-filter]");if(f){var tb=d.querySelector(f.getAttribute("data-filter"));
 f.addEventListener("input",function(){var q=f.value.toLowerCase();tb.querySelectorAll("tbody tr").forEach(function(r){r.hidden=q&&r.getAttribute("data-text").indexOf(q)<0;});});}
window.addEventListener("beforeprint",function(){d.querySelectorAll("details").forEach(function(x){x.open=true;});});
var job=d.querySelector("[data-job-poll]");
if(job&&["done","failed"].indexOf(job.getAttribute("data-state"))<0){
 var poll=function(){fetch(job.getAttribute("data-job-poll"),{credentials:"same-origin"}).then(function(r){return r.json();}).then(function(j){
  var set=function(k,v){var e=job.querySelector('[data-field="'+k+'"]');if(e)e.textContent=v;};
  set("state_label",j.state_label);set("stage",j.stage||"");set("counts",j.done+"/"+j.total);
  var p=job.querySelector("progress");if(p){p.max=j.total||1;p.value=j.done;}
  if(j.state==="done"||j.state==="failed"){location.reload();}else{setTimeout(poll,600);}
 }).catch(function(){setTimeout(poll,2000);});};setTimeout(poll,300);}
})();
