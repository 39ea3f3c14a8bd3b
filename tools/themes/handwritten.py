# ruff: noqa: E501  (one reply a line reads better than wrapped strings)
"""Hand-written training replies: whole reflections in members' own voices, one theme each.

They add what composed clauses lack: longer replies, stories, asides and text-speak. Written for
the training set only; the evaluation set (data/held_out.jsonl) was written separately,
first, and none of it is repeated here. A theme of ``-`` marks a reply that fits no theme.
"""

from __future__ import annotations

# question | theme | text
_TEXT = """
working | right-people | Three young people from the youth forum joined us and they were brilliant, they said things none of the adults would have thought of
working | right-people | We went to the mosque coffee morning to invite people and two women came along as a result
working | right-people | finally got a couple of blokes in the group, usually its all women
change | right-people | We're still missing people who've had the worst experiences, we only get the ones who are happy to talk
change | right-people | I look round the room and it's staff, staff, staff and me
change | right-people | no one under 30 in the group. how can we design for young parents without them
change | right-people | The sign-up went out by email only so we got the same people who always sign up to things
working | right-people | Great to have someone from the Somali community this time who could tell us how the service feels for her family
working | buy-in | Our director dropped in for half an hour and said she'd take the ideas to the board, which gave everyone a lift
working | buy-in | My boss let me come without having to argue for it, first time that's happened
working | buy-in | the service manager wrote to all staff to say this work is a priority
change | buy-in | Honestly the managers don't get it. They think co-production is a survey
change | buy-in | nothing will change till someone senior owns it. at the mo it's just us doing it on the side
change | buy-in | Need the leadership team to actually sign up to the recommendations rather than just note them
change | buy-in | our manager cancelled my place last minute because the work isn't seen as important
change | time-capacity | I came straight off a night shift, I'm knackered. There's no way to do this on top of everything
change | time-capacity | half the staff couldn't come because the unit was full and there was no one to cover
change | time-capacity | two hours every six weeks is nowhere near enough to get anything done
change | time-capacity | As a carer I have to arrange a sitter to come, so it's hard to find the hours
working | time-capacity | Having the whole afternoon meant we didn't have to squeeze the discussion
working | time-capacity | My shifts were rostered around the programme days this time, which made it doable
working | time-capacity | We didn't overload the agenda so there was room to think
change | system-change | We've been waiting four months for the policy group to look at the new form
change | system-change | The electronic record has fixed fields so there's nowhere to put what the person actually wants
change | system-change | Whatever we decide here still has to fit the national targets, so the big stuff never moves
change | system-change | Discharge depends on social care packages and that's a whole other organisation with its own rules
change | system-change | it's like wading through treacle, every change needs three sign offs
working | system-change | The records team changed the letter template in a fortnight, I didn't think the system could move that fast
working | system-change | Got the pathway changed at the trust level, which felt like a real shift in how things are done
working | funding | I got my payment for the last session straight into my account, no chasing
working | funding | The team paid for my taxi both ways which I really appreciated
working | funding | lovely that they gave us a voucher and said thank you properly
change | funding | I'm out of pocket every time I come - bus, lunch, someone to sit with my son
change | funding | If we're the experts we should be paid like the other experts in the room
change | funding | there's no pot of money to actually do any of the things we've come up with
change | funding | Nobody has said thank you or acknowledged the hours people have put in
change | funding | The grant ends next year, so we need to start looking for money now
change | accessibility | The form was full of long words, my son couldn't read it
change | accessibility | Half the meeting was on a screen I couldn't see from the back
change | accessibility | please don't hold it at 5pm, I have to pick up the kids
change | accessibility | I'm partially sighted and nobody checked if I could read the handouts
change | accessibility | The building has a step at the front and the side entrance was locked
working | accessibility | They sent me the papers in a bigger font and rang to go through them first
working | accessibility | having a signer there meant I could follow everything
working | accessibility | Meeting in the community hall instead of the hospital made it easier to get to
working | relationships-trust | For the first time I didn't feel like a number, they actually wanted to know me
working | relationships-trust | We had a laugh together and that makes it easier to say the hard things
working | relationships-trust | Staff were honest that they'd got things wrong in the past, that meant a lot
change | relationships-trust | I shared something personal and it felt like it went nowhere, I'm wary now
change | relationships-trust | people need to know what happens to what they say, otherwise they'll stop opening up
change | relationships-trust | Felt a bit patronised by one of the staff today
change | relationships-trust | trust is fragile with this service, one bad meeting and people walk away
working | assets | One of the carers used to run a print shop and sorted the layout of the leaflet in ten minutes
working | assets | They asked me to lead the bit about living with psychosis because I know it inside out
working | assets | It felt like what I've been through was useful rather than something to hide
change | assets | We keep asking people for their stories but never for their ideas or their skills
change | assets | There's a retired teacher in our group who could help write the easy guide, let's ask her
change | assets | We treat people as problems to fix, not as people with strengths
working | catalysts | Within a week of the session the reception team had moved the chairs like the families suggested
working | catalysts | I pitched an idea and two weeks later it's happening, mad
working | catalysts | The members organised a trial run themselves and reported back
change | catalysts | Great chats but I'm not sure anything will come of it
change | catalysts | We need to pick one thing and get it done before the next programme day
change | catalysts | Every meeting ends with lots of ideas and no plan for who does what
working | mutuality | Staff told us what's hard for them too, so it felt like we were helping each other
working | mutuality | I came to help the service and ended up getting loads of support myself
working | mutuality | We swapped roles in the exercise and both sides learnt something
change | mutuality | It's a bit take take take from the service's side at the moment
change | mutuality | the group should be something people get something from, not just somewhere they give feedback
change | mutuality | Both staff and patients should take actions away, not just staff
working | blurring-roles | One of the mums ran the session and the consultant just joined in like everyone else
working | blurring-roles | We all wore name stickers with first names only, no roles
working | blurring-roles | I forgot the woman next to me was a manager until the end
change | blurring-roles | The nurses still talk to us like we're on the ward
change | blurring-roles | Patients should be running some of the sessions by now, not just attending
change | blurring-roles | staff sat at the front with the flipchart like a lecture
working | networks | I've got three new numbers in my phone from people who understand what it's like
working | networks | We met the team doing the letters work and realised we can reuse their template
working | networks | The carers centre came along and now a few of us go to their Tuesday group
change | networks | It would be good if the teams met up more, we're all doing similar things
change | networks | can we set up a group chat or something so we can support each other between days
change | networks | Link with the local charities, they already know the families
working | - | Nice to be back in the same room as everyone
working | - | the cake someone brought was amazing
working | - | It was a good day overall
change | - | Nothing really, carry on
change | - | The heating was off and we were all in our coats
change | - | The map to the room was wrong
working | - | Enjoyed the afternoon
change | - | I don't know
working | - | same as last time
working | right-people | It was the first time we had someone who'd actually been sectioned telling us what the crisis plan should say
working | right-people | The outreach worker brought two lads from the estate who'd never normally come near a meeting
change | right-people | We keep designing things for families on the unit without a single family from the unit in the room
change | right-people | Where are the people who use the service at night? It's all daytime people here
change | right-people | The people who complain the loudest about the letters aren't invited, and they'd have the best ideas
change | right-people | I'd like to see more people from different backgrounds, at the moment we're a very similar bunch
working | right-people | A grandad came this time - a totally different view from the rest of us
change | right-people | it's the usual suspects again. nobody new since spring
working | right-people | really good that the receptionists were invited, they see everything
change | right-people | Invite the people who dropped out of treatment, they know what put them off
working | buy-in | Our matron has made it clear this is part of the job, not an extra
working | buy-in | The deputy director came and stayed for the whole thing, people noticed
change | buy-in | I had to take annual leave to come because my manager wouldn't release me
change | buy-in | The board keeps asking for updates but never actually backs any of the changes
change | buy-in | It's hard when your line manager rolls their eyes whenever you mention the project
working | buy-in | we've got the commissioners interested now which means it might get rolled out
change | buy-in | we need someone with clout on our side, otherwise the recommendations just sit in a drawer
working | buy-in | The team leader covered my clinic herself so I could be here, that says a lot
change | buy-in | Management only turn up when there's a photo to be taken
change | time-capacity | I had twenty minutes to read the pack before the meeting, not nearly enough
change | time-capacity | We lost two nurses this month and everything else has had to stop, this included
working | time-capacity | Moving the session to a quieter week meant people weren't watching the clock
change | time-capacity | i'm part time and this takes a big chunk of my week
working | time-capacity | Splitting the tasks between more people meant nobody was overloaded
change | time-capacity | Carers like me are stretched thin already, another meeting is a lot
change | time-capacity | The sessions end before we've really got going
change | system-change | The complaints process hasn't changed in ten years and no one can tell me who owns it
change | system-change | You can redesign the front door but if the back office systems don't change it's the same experience
working | system-change | The policy team were surprisingly quick to update the guidance once they heard from families
change | system-change | Every team has its own forms and none of them talk to each other
change | system-change | We're told it has to go to the quality committee, then the clinical board, then back to us
change | system-change | The wider system is built for the organisation's convenience, not for patients
change | system-change | Change here moves at a snail's pace
working | funding | The new rate for lived experience work is fair and it's paid within a week
change | funding | I lost a day's wages to come today and got nothing back
change | funding | We can't buy anything without a budget code, and we don't have one
change | funding | A lot of people rely on benefits and are scared payment will affect them, we need clear advice on that
working | funding | Someone finally said out loud that our time has value, and backed it up with money
change | funding | Travel should be paid upfront, not weeks later
working | funding | small thing but they bought us all lunch to say thanks
change | funding | Nobody's funded to do the follow-up so it just won't happen
change | accessibility | The video call kept cutting out and I couldn't hear half of it, some of us need to be in person
change | accessibility | Please don't use the hospital meeting room, it's a maze and there's nowhere to park a mobility scooter
working | accessibility | Someone explained each word on the agenda in plain language before we started
working | accessibility | Having the sessions after school pickup meant I could bring my youngest
change | accessibility | My dad uses a wheelchair and the only lift was out of order
change | accessibility | The forms only come in English, lots of families on the unit speak other languages
working | accessibility | The quiet space to step out to helped me stay for the whole session
change | accessibility | Too much reading, could we do more of it as pictures or talking
working | relationships-trust | I was nervous at the start but everyone made me feel at ease
working | relationships-trust | The staff admitted they didn't have all the answers and I respected that
change | relationships-trust | When the nurse checked her phone while I was talking it felt like I didn't matter
working | relationships-trust | I've started to believe they really do want to hear what we think
change | relationships-trust | People were let down before by a similar project so they're holding back
change | relationships-trust | Tell us honestly what happened to last month's ideas, even if the answer is nothing
working | relationships-trust | There's a warmth in the group now that wasn't there at the start
working | assets | My years of caring for my mum finally counted for something in that room
working | assets | A member who's a translator checked the leaflet in three languages for us
change | assets | We have people with amazing life experience and we only ask them to comment on a draft
working | assets | The group drew on what families already do to cope, rather than starting from scratch
change | assets | It would help to know what everyone can bring before we hand out tasks
working | assets | One lad knew every shortcut in the benefits system and shared it with the staff
working | catalysts | The parents made a mock-up of the new waiting area and the manager said yes on the spot
change | catalysts | We've agreed the same action three times now. Just do it
working | catalysts | Members are now running the welcome sessions themselves, it's taken off
change | catalysts | can we leave each session with one thing we'll actually try before next time
working | catalysts | Things are finally moving, we've started the pilot on two wards
change | catalysts | The energy from the first session has fizzled out, we need a quick win
working | mutuality | Staff got as much support from us as we got from them, honestly
change | mutuality | We give our stories and get nothing in return - it should go both ways
working | mutuality | I helped a nurse understand what it's like at home, and she helped me understand the ward
working | mutuality | it's a proper partnership now, we both bring things and both take things away
change | mutuality | Right now we advise and they decide, that isn't co-production
working | mutuality | Supporting someone newer than me gave me confidence too
working | blurring-roles | The psychiatrist made the tea and a patient ran the discussion, nobody batted an eyelid
change | blurring-roles | Doctors still arrive in suits and sit together, it sets them apart
working | blurring-roles | We mixed up the tables so staff and families weren't in separate groups
change | blurring-roles | The agenda is always set by staff, let families set it for once
working | blurring-roles | Today it felt like we were all just members of the group, no one was 'the professional'
change | blurring-roles | staff still introduce themselves with their title and we introduce ourselves with our diagnosis
working | networks | Two of us from different teams have started meeting for a coffee between sessions
change | networks | We should invite the local voluntary groups so people know where to go after
working | networks | Finding out what the maternity team had done saved us weeks
change | networks | I don't know anyone outside my own team yet, would be nice to mix
working | networks | The group has become a support network, we message each other when things are hard
change | networks | Could we have a shared space to swap resources between the teams
working | - | Lovely to see everyone again
change | - | Bigger name labels maybe
change | - | Could someone open a window next time
working | - | The afternoon went quickly
change | - | No changes from me
working | networks | The buddy system for new members means nobody has to walk in on their own
working | networks | pairing each newcomer with someone who's been before, like a buddy system, made day one less scary
change | networks | the buddy system fell apart after week two, nobody checked in with me
change | accessibility | The online booking system is impossible with a screen reader
working | accessibility | the traffic light card system means I can say I'm overwhelmed without speaking
change | accessibility | the sound system kept cutting out so people at the back heard nothing
working | relationships-trust | the check-in system at the start, where everyone says how they're feeling, built real trust
change | time-capacity | the rota system means I only find out the night before if I'm released to come
working | catalysts | our little tracking system of who does what by when is finally getting things done
change | relationships-trust | the feedback system feels one way, we say things and never hear back
working | mutuality | a sort of swap system, staff teach us the jargon and we teach them what it's like on the other side
change | funding | the expenses system takes eight weeks to pay us back for the bus
working | - | Good chat
change | - | Not sure yet, need to think about it
working | - | the tea and coffee were lovely
change | - | Nothing springs to mind right now
working | - | Thank you to everyone who came
"""


def written() -> list[tuple[str, str | None, str]]:
    """(question, theme or None, text) for every hand-written reply."""
    rows = []
    for line in _TEXT.strip().splitlines():
        question, theme, text = (part.strip() for part in line.split("|", 2))
        rows.append((question, None if theme == "-" else theme, text))
    return rows
