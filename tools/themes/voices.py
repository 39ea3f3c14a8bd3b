# ruff: noqa: E501  (one reply a line reads better than wrapped strings)
"""More hand-written training replies, in voices the first set lacks, written for issue 10.

The first training set keyed on the codebook's own words: a reply written by someone who had
never seen them ('had to leave early for the school run', 'the exec team never show up') found
its theme far less often. These replies describe the situations behind each theme in everyday
words, from patients, carers, staff, managers and young people, short and long, tidy and
typed in a hurry. None was copied from an evaluation or development set (data/README.md).
A theme of ``-`` marks a reply that fits no theme: the room, the food, the kit, a service
complaint that is not about how the group works together.
"""

from __future__ import annotations

# question | theme | text
_TEXT = """
working | right-people | For once the room wasn't full of the people who always volunteer for everything
working | right-people | A dad who works nights joined by phone, first time we've heard a father's view
change | right-people | The panel was all white, middle-aged and retired. That's not who comes to our clinic
change | right-people | Need to get under 25s involved, it's their service too
change | right-people | our group is basically staff plus two patient reps who've sat on every committee since 2015
working | right-people | Really pleased the housing officers came, they see a side of people's lives we never do
change | right-people | Young carers weren't there and they're the ones doing the heavy lifting at home
change | right-people | It's always the confident, articulate ones who get picked. The quiet ones with the hardest stories never get asked
working | right-people | Brilliant to have people who were on the ward last month rather than ten years ago
working | right-people | We went to the Polish Saturday school to find parents and three signed up
change | right-people | Why are there no people with dementia themselves, only their carers?
change | right-people | Ask the people who walked out of treatment why they left, they'd tell us the truth
working | right-people | A lad who'd been sleeping rough came along and changed how we saw the whole thing
working | right-people | The mix of backgrounds round the table was so much better today
change | right-people | Porters and receptionists should be asked too, they see patients more than we do
change | right-people | Feels like a closed shop, the same six of us every time
change | right-people | We need people who've had a bad time with the service, not only the fans
working | right-people | The community link worker brought women from the refugee group, which opened our eyes
change | right-people | There should be a place for brothers and sisters, they're affected too
change | right-people | I'm the only man and the only person under 40 in the group
change | right-people | getting a wider range of ppl would help, its always the same lot
working | right-people | Good to see peer workers at the table and not only the managers
change | right-people | If we want to fix the night service we need people who use it at 3am
change | right-people | Traveller families have never been part of this and they have the worst access of anyone
change | right-people | The invite went round the usual mailing list so we got the usual crowd
working | right-people | So refreshing to hear from a 17 year old about what would make her come back
change | right-people | People with learning disabilities should be there themselves, not spoken for by their support workers
change | right-people | The same three people talk every time and the rest of us just nod along
working | right-people | More people who actually use the service than staff this time, felt like the right balance of who was there
change | right-people | We're designing a service for teenagers with not one teenager involved
working | right-people | Getting the word out through the food bank found people we'd never have reached
change | right-people | Whose voice is missing? Anyone who works 9 to 5 and anyone who doesn't speak English
working | buy-in | My line manager asked how it went and wants me to present it at the team huddle
working | buy-in | Our clinical director opened the session and stayed to listen, that mattered to people
change | buy-in | The exec team haven't been to a single session, says it all
change | buy-in | I had to fight to get released from clinic, they see it as a nice-to-have
working | buy-in | Once the head of service said yes, everyone else fell into line
change | buy-in | We need someone senior who'll stand up for our recommendations in the meetings we're not in
change | buy-in | Without the people at the top caring about this it's just us talking to ourselves
change | buy-in | The ward sister made it clear she thinks this is a waste of time
working | buy-in | The chief nurse quoted our work in her newsletter and suddenly staff took it seriously
change | buy-in | the bosses nod along and then nothing gets resourced
change | buy-in | Management treat it like a tick box for the inspectors
working | buy-in | The service lead asked to be kept updated every month, feels like she's behind us
working | buy-in | Our proposals went up to the senior team and came back with a yes, first time ever
change | buy-in | If managers won't free staff up then only the keen ones come
working | buy-in | The new operations manager is really keen on it, which makes a huge difference
change | buy-in | I'd like the directors to hear this directly, not filtered through three layers
change | buy-in | Leadership say they value this but it's the first thing that gets dropped
working | buy-in | The GP partners finally agreed to let the practice nurses come
change | buy-in | Feels like the organisation doesn't really believe in what we're doing
change | buy-in | Senior people need to turn up, even once, so staff know it's allowed
change | buy-in | my manager moaned that I was 'off again' at the group
working | buy-in | Having a named exec sponsor gave the project real weight
change | buy-in | Department heads say 'not yet' to everything we bring them
working | buy-in | Our team leader told everyone this counts as part of the job, not a favour
change | buy-in | The people who hold the purse strings and make decisions have never once asked us what we think
working | buy-in | the trust board actually discussed our report and agreed to take it forward
change | buy-in | The consultants don't rate it, so the junior staff don't bother either
change | time-capacity | Had to leave early for the school run so I missed the end
change | time-capacity | No cover on the ward so I spent the morning answering my bleep
change | time-capacity | Everyone's running on empty at the moment
change | time-capacity | Three of us dropped out this month because clinics are so full
change | time-capacity | The hour went so fast we barely scratched the surface
change | time-capacity | It's hard to fit in reading the papers between looking after mum and work
change | time-capacity | I'm juggling two jobs and caring, I can't give more than an hour a month
change | time-capacity | Our team's two down so nobody could be spared to come
working | time-capacity | Being given the afternoon off clinic to attend meant I could actually focus
working | time-capacity | The agenda was realistic so nobody had to rush
change | time-capacity | I keep meaning to do my action but there aren't enough hours in the day
change | time-capacity | Staff kept popping out to take calls
change | time-capacity | We're expected to do this in our lunch break
change | time-capacity | There isn't any slack in anyone's diary
change | time-capacity | Honestly I'm too tired by the end of the week to think straight
working | time-capacity | The longer gap between meetings gave us room to get things done in between
change | time-capacity | Winter is coming and the wards will be rammed, this will be the first thing to go
change | time-capacity | The pre-reading arrived the night before, no chance to look at it
change | time-capacity | My caseload is 40 families, finding two hours for this is tough
change | time-capacity | A shorter meeting would mean more of us could make it
change | time-capacity | I was double-booked with clinic again
working | time-capacity | Someone else held my phone for the morning so I wasn't dragged away
change | time-capacity | We were all clock-watching because everyone had somewhere else to be
working | time-capacity | We had a full day, not squashed into an hour, so we could go deep
change | time-capacity | I ran here from a home visit and have to run back straight after
change | time-capacity | Being a carer is a full-time job, I can't always find a spare afternoon
change | time-capacity | The team is so thin on the ground that coming here means a colleague picks up my patients
working | time-capacity | Sessions booked months ahead so I could plan my clinics around them
change | time-capacity | Too much crammed into one meeting, we never get to the last items
change | system-change | Every tiny change has to go through about five committees
change | system-change | The computer won't let us change the letter without IT raising a ticket, which takes months
change | system-change | Even when everyone in the room agrees, rules from above stop us
change | system-change | Health and the council don't talk to each other so families fall through the gap
change | system-change | The NHS is like an oil tanker, it takes forever to turn
change | system-change | We were told it's a national template so it can't be touched
working | system-change | Impressive that the hospital changed its visiting rules after we raised it
change | system-change | Procurement rules mean we can't just buy the thing we need
change | system-change | The referral criteria are set by commissioners and nobody here can change them
change | system-change | It's the culture of 'we've always done it this way'
change | system-change | Six months on and the new leaflet is still stuck 'with comms'
change | system-change | By the time anything's approved the people who asked for it have moved on
change | system-change | Separate budgets for health and social care mean nobody owns the problem
working | system-change | The pathway got rewritten across both hospitals, a proper change in how things run
change | system-change | We're stuck waiting for the new IT system, which keeps being delayed
change | system-change | Everything needs a business case and a risk assessment first
change | system-change | The risk-averse culture kills good ideas before they start
change | system-change | The structures pull against us: contracts, targets, inspections
change | system-change | Some things are decided in Whitehall and we can't budge them
working | system-change | Good to see the trust loosen the rules on carers staying overnight after our feedback
change | system-change | Legal had to review a one-page leaflet, took three months
change | system-change | Each organisation has its own systems and none of them link up
change | system-change | The whole thing is so top-down that local ideas get lost
working | system-change | The commissioners rewrote the service spec with our wording in it, I didn't think that could happen
change | system-change | You fill in a form to ask permission to fill in a form
change | system-change | The big institutions move at a snail's pace however good the idea
working | funding | We were given £25 for the afternoon which made it feel like our time counts
change | funding | The bus fare came out of my own pocket again
change | funding | There's no money to print the leaflets we designed
change | funding | Please sort out the claim forms, it takes weeks to get money back
working | funding | Being paid makes me feel like a professional, not a charity case
change | funding | The project money runs out in March and nobody knows what happens next
working | funding | They paid for a taxi so I didn't have to struggle on two buses
working | funding | Nice certificate at the end, people felt appreciated
change | funding | Staff are paid to be here and we're not, that doesn't feel fair
change | funding | A small thank you would go a long way, even a card
change | funding | Can the carers get a voucher? They've given up a whole day
change | funding | I had to pay £8 to park at the hospital
change | funding | The pot for lived experience payments has run dry
working | funding | Getting my childcare paid back made it possible for me to come
working | funding | They named everyone who took part in the annual report, that felt like proper credit
change | funding | Our ideas need money behind them or they're just wishes
change | funding | The claim form is four pages long for a £6 bus fare
change | funding | It's unpaid and it's starting to feel like we're being used
working | funding | Grateful that lunch and travel were covered
change | funding | Staff get time back in lieu, patients get nothing
change | funding | Some of us are on tight budgets, please pay people promptly
change | funding | I'm on universal credit and worried that being paid will affect my benefits
working | funding | The charity's grant paid for the venue and the lunch
change | funding | Who's going to pay for any of this once the pilot ends?
working | funding | The manager wrote to each of us personally to say thank you for the hours we've given
change | funding | Nobody's acknowledged how much unpaid time carers are putting into this
change | accessibility | The slides were full of abbreviations nobody explained
change | accessibility | Holding it upstairs with no lift means I can't come
working | accessibility | Having the papers in big print helped me read along
change | accessibility | Please can there be a dial-in option for those who can't travel
change | accessibility | The room was so echoey I couldn't follow with my hearing aids
change | accessibility | Make it easier for autistic people: less noise, a clear plan and time to answer
change | accessibility | My English isn't good, someone to translate would help me say what I think
change | accessibility | The evening slot is impossible for parents with small kids
working | accessibility | Putting everything in everyday language made a huge difference
change | accessibility | The online form didn't work with my screen reader
working | accessibility | The community centre is on the bus route so it was easy to get to
working | accessibility | Breaks every half hour really helped me manage my pain
change | accessibility | Some of us don't have laptops or data, please don't make it online only
change | accessibility | The car park was a long way from the entrance, hard going with a walking frame
working | accessibility | They asked everyone beforehand what they needed to be able to take part
working | accessibility | The simple picture version was brilliant, my daughter understood all of it
change | accessibility | A lunchtime meeting during Ramadan was hard for some of us
change | accessibility | There were no captions on the video
change | accessibility | We need a quiet room for people who get overwhelmed
change | accessibility | Information should come in Urdu and Polish too
change | accessibility | Too many long documents, I switched off
working | accessibility | Felt welcome as a wheelchair user for once, everything had been thought about
working | accessibility | Being able to join from home on my phone meant I didn't miss out
change | accessibility | The handouts were tiny writing on grey paper
working | accessibility | The facilitator checked everyone could see and hear before we started
change | accessibility | Not everyone can sit through three hours without a proper break
change | accessibility | It was all talk and no time to write things down, hard if you have dyslexia
change | accessibility | People who can't read well got left behind with all the forms
working | accessibility | Someone met me at the door and showed me where everything was, made it less daunting with my anxiety
change | relationships-trust | It takes a long time to trust services again after what happened to my son
working | relationships-trust | I finally felt they were on my side
working | relationships-trust | The nurse remembered my name and what I said last time, small thing but it matters
working | relationships-trust | People were kind and nobody judged me when I got upset
change | relationships-trust | When a staff member rolled their eyes at me I just shut down
change | relationships-trust | We need to be able to say what we really think without it coming back on us
working | relationships-trust | Being believed, that's what made today different
working | relationships-trust | It feels safer now we know each other a bit
change | relationships-trust | They keep promising to get back to us and it never comes, people stop believing them
working | relationships-trust | Staff were open about their own worries which made it easier for us to be open too
working | relationships-trust | The group has become like a little family
working | relationships-trust | I didn't feel talked down to
change | relationships-trust | I'm worried that what I say in here might affect my care
change | relationships-trust | Some of the professionals got quite defensive when we raised problems
working | relationships-trust | A staff member sat with me at lunch and just chatted, it broke the ice
change | relationships-trust | Being straight about what can't change would do more than promises they can't keep
working | relationships-trust | I opened up about my experience and was met with warmth
change | relationships-trust | One cancelled meeting with no explanation undoes months of goodwill
working | relationships-trust | I feel respected as a parent here
working | relationships-trust | People are starting to relax and have a laugh together
change | relationships-trust | The new staff member didn't introduce herself and it put people on edge
working | relationships-trust | I was nervous but they made me feel I belonged
change | relationships-trust | It still feels like they're humouring us rather than really hearing us
working | relationships-trust | After months of coming I actually feel I can be honest with the staff here
working | assets | I've got 20 years of running a shop, so I sorted out the budget spreadsheet
working | assets | My experience of being sectioned is something I can use to help others
working | assets | They let me write the leaflet because I'm good with words
working | assets | Families know what works for their kids better than anyone and they were asked
change | assets | We should ask what people are good at, not just what's wrong with them
working | assets | One of the lads did the artwork for the poster, it looks amazing
change | assets | Nobody asked what I could offer, just what I thought of the plan
working | assets | Using people's own tricks for coping made the guide really practical
change | assets | I'm a trained counsellor and I'd love to help, but I'm only ever asked to tell my story
working | assets | The group is full of talent: a translator, a teacher, a web designer
change | assets | Our carers know the system inside out and that should shape the plan
working | assets | It felt good to be seen as someone with something to give, not a patient
working | assets | A member who works in IT set up the online form for us
change | assets | Can we make a list of what everyone's good at so we use it
working | assets | What my daughter's condition has taught me over the years was finally put to use
change | assets | Start from what people can do rather than their diagnosis
working | assets | The retired accountant in our group has been amazing at checking the figures
change | assets | People bring so much more than their stories, let's use it
working | assets | A mum who's a hairdresser was brilliant at getting the shy ones talking
change | assets | We waste what people know by only asking them to fill in surveys
working | assets | The young people knew far more about social media than any of us and ran that part
working | assets | Staff were amazed how much the patients knew about the medication side effects
change | assets | People are more than their illness, give them a chance to show what they're capable of
working | catalysts | We finally agreed who's doing what by when
change | catalysts | Lots of talk, not much doing
working | catalysts | The new welcome pack is already in use on the ward, it started from our idea
change | catalysts | We need someone to grab an idea and run with it
working | catalysts | Trying the new appointment letter for a month is a great first step
change | catalysts | This is the third meeting we've discussed the same thing without deciding anything
working | catalysts | The small trial showed it works, now we can scale it up
working | catalysts | I came away with a clear job to do for once
change | catalysts | Nobody follows up between sessions so it all stalls
working | catalysts | Seeing the change actually happen gave us all a boost
change | catalysts | Let's stop planning and just try something
working | catalysts | The energy in the room turned into a plan by the end
change | catalysts | We've been talking about the signs for a year, just put them up
change | catalysts | A quick win would keep people coming back
working | catalysts | The new system started on Monday, can't believe we got there
change | catalysts | Who is actually going to take this forward?
working | catalysts | One person's enthusiasm got the whole thing moving
change | catalysts | Ideas keep getting parked, let's pick one and do it
working | catalysts | Two weeks after we suggested it the clinic started texting reminders
change | catalysts | We go round and round and nothing ever lands
working | catalysts | It's gone from a chat to an actual project with dates
change | catalysts | feels like a talking shop, where's the follow through
working | catalysts | The parents pushed for it and now it's real, the new room opens next month
working | mutuality | I get as much out of it as I put in
working | mutuality | Staff learned from us and we learned how the clinic works from them
working | mutuality | It's not just us handing over feedback any more, they share what's hard for them too
change | mutuality | Feels very one-sided, we give our time and stories and get little back
working | mutuality | Helping other parents has helped me make sense of my own experience
working | mutuality | We teach each other, that's the best bit
working | mutuality | The staff talked about their own pressures and we came up with ideas to help them
change | mutuality | I'd like it to be more of an exchange, not an interview
change | mutuality | Both sides should share the responsibility for making it work
working | mutuality | We back the service and the service backs us, it works both ways
working | mutuality | Everyone left with something, not just the organisation
change | mutuality | They take our ideas but we never get anything out of it
working | mutuality | I learnt how hard it is for the nurses, and they learnt what it's like at home for us
working | mutuality | A fair swap: my experience in return for their training
change | mutuality | It should be a two-way street
working | mutuality | Members mentor the new members and get mentored themselves
change | mutuality | At the moment we do the giving and the service does the taking
working | mutuality | The doctor said she'd learnt more from us in an hour than from a year of training, and I learnt loads from her
working | mutuality | We all pitched in and we all got something from it
change | mutuality | There has to be something in it for the families, not just for the trust
working | blurring-roles | You couldn't tell who was staff and who was a patient, which is how it should be
working | blurring-roles | A carer co-chaired with the service manager
change | blurring-roles | The doctors dominated the discussion and we just sat there
change | blurring-roles | Patients should have an equal say in the decisions, not just an opinion
working | blurring-roles | Everyone on first-name terms, no Dr this or Sister that
working | blurring-roles | Staff took their lanyards off and it changed the feel of the room
change | blurring-roles | It still feels like the professionals decide and we just advise
working | blurring-roles | One of the young people led the training for the staff
working | blurring-roles | We took turns to chair
change | blurring-roles | The power is still with staff, they set the agenda and write the minutes
working | blurring-roles | The consultant sat in the circle with us rather than at a top table
working | blurring-roles | A parent and a nurse ran the workshop together
working | blurring-roles | I ended up running a table, and the staff member at it was happy to follow
change | blurring-roles | Still very much them and us in how the room is set up
change | blurring-roles | Staff should step back and let the families lead sometimes
working | blurring-roles | Nobody pulled rank
working | blurring-roles | The social worker joined as a parent herself, wearing both hats
change | blurring-roles | Share the chairing between staff and members
change | blurring-roles | Why do the staff always sit together on one side of the room?
working | blurring-roles | It didn't matter who was the nurse and who was the service user, we were all just people with ideas
change | blurring-roles | Staff still do all the presenting while we listen like an audience
working | blurring-roles | The ward manager took notes while a patient led the meeting
working | networks | Met a mum from another area who's been through the same and we're meeting up
working | networks | Putting us in touch with the local carers' group was really helpful
change | networks | The different teams should share what they're doing, we keep reinventing the wheel
working | networks | Someone from the housing charity came and now we have a direct line to them
working | networks | I've made friends here I'll keep after the programme ends
change | networks | Could we link up with the patient groups at the other hospital?
working | networks | I feel less alone knowing there are others in the same boat
working | networks | The peer group has become my lifeline
change | networks | It'd be good to have a shared list of local groups people can go to
working | networks | We connected with the school nurses and now they send families our way
change | networks | An email list or Facebook group would keep us in touch between sessions
working | networks | Hearing what the north team are trying gave us ideas
working | networks | Bringing together people from different services was the best part
working | networks | The leaders of the community groups are a great bridge to families
change | networks | I'd like to meet people from the other projects
working | networks | The charity stall at lunch was so useful, I've signed up to their walking group
working | networks | People swapped numbers and made plans to meet up
change | networks | We work in our own bubbles, a joint session with the other teams would help
working | networks | I introduced two families to each other and now they look out for each other
change | networks | Nobody from the local mental health charities was there, they'd be great partners
working | networks | We've got a little group of carers who text each other every week now
change | networks | Put us in contact with the other wards doing the same work
working | - | The sandwiches were better this time
change | - | Room was freezing
change | - | The projector kept cutting out
change | - | Can we have more biscuits
working | - | It was fine
change | - | No comment
change | - | Not much to say this time
working | - | I liked the icebreaker game
change | - | The slides had a few spelling mistakes
working | - | Fire alarm went off halfway through, which gave us a laugh
working | - | The session was well organised
working | - | Loved the sticky note activity
change | - | Hard to say, I missed most of it
working | - | Everything was fine thanks
change | - | The minutes had my name spelt wrong
change | - | More sticky notes!
change | - | We ran out of chairs
working | - | Good
working | - | Enjoyed the chat about the leaflet colours
change | - | The food on the ward is cold by the time it gets to you
change | - | My appointment was cancelled twice this month
working | - | Nice that we finished on time
change | - | The wifi password didn't work
working | - | The music in the break was a nice touch
change | - | Put the agenda on the wall so we can see it
working | - | Really enjoyed today
change | - | The coffee machine was broken
working | - | my first time, still finding my feet
change | - | Can we have the next one on a Thursday
working | - | Interesting presentation on the new building
change | - | The toilets need cleaning
working | - | Good to catch up with everyone
change | - | I'd rather not say
change | - | The pens kept running out
working | - | Liked the new room
change | - | Medication reviews take too long to come through at the pharmacy
working | - | The weather held up for the walk at lunch
"""


def written() -> list[tuple[str, str | None, str]]:
    """(question, theme or None, text) for every reply written here."""
    rows = []
    for line in _TEXT.strip().splitlines():
        question, theme, text = (part.strip() for part in line.split("|", 2))
        rows.append((question, None if theme == "-" else theme, text))
    return rows
